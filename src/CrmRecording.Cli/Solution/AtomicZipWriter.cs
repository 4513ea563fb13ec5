using System.IO.Compression;

namespace CrmRecording.Cli.Solution;

/// <summary>Writes the zip next to its destination, then renames it into place: a reader never sees half a package.</summary>
internal static class AtomicZipWriter
{
    /// <summary>Fixed entry time, so packing the same source twice gives the same bytes.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(string path, IEnumerable<PackageEntry> entries)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var entry in entries)
                    {
                        var zipEntry = zip.CreateEntry(entry.Name, CompressionLevel.Optimal);
                        zipEntry.LastWriteTime = EntryTime;
                        using var content = zipEntry.Open();
                        content.Write(entry.Content);
                    }
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
