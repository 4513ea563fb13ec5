using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace CrmRecording.Vault.Blobs;

/// <summary>
/// Blobs as files in one directory. An upload is written to a temporary file, flushed to disk and then
/// renamed into place, so a crash at any point leaves either no recording or a whole one.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    internal const string PartialSuffix = ".partial";

    private readonly string _directory;

    /// <param name="directory">Created if missing, readable by the owner only.</param>
    /// <param name="now">Used to clear temporary files abandoned by a crash more than an hour ago.</param>
    public LocalBlobStore(string directory, DateTimeOffset now)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var partial in Directory.EnumerateFiles(_directory, "*" + PartialSuffix))
        {
            if (now - File.GetLastWriteTimeUtc(partial) > TimeSpan.FromHours(1))
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files of uploads last written before <paramref name="writtenBefore"/>: what a crash during
    /// a blob write left behind. The caller picks a time before any upload still running can have started.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public int RemoveAbandonedUploads(DateTimeOffset writtenBefore)
    {
        var removed = 0;
        foreach (var partial in Directory.EnumerateFiles(_directory, "*" + PartialSuffix))
        {
            if (File.GetLastWriteTimeUtc(partial) < writtenBefore.UtcDateTime)
            {
                try
                {
                    File.Delete(partial);
                    removed++;
                }
                catch (IOException)
                {
                    // Gone already, or still open somewhere: the next sweep looks again.
                }
            }
        }

        return removed;
    }

    /// <summary>
    /// Whether uploads are written around the page cache (Linux direct I/O, where the file system offers it): for bulk
    /// imports, whose blobs are not read back soon and whose speed is then the disk's. Off by default, so a recording
    /// just ingested is still cached when it is verified and played.
    /// </summary>
    public bool DirectWrites { get; init; }

    public Task<IBlobUpload> BeginUploadAsync(string name, CancellationToken cancellationToken = default)
    {
        var final = PathOf(name);
        var temp = $"{final}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}{PartialSuffix}";
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = Wrap(() => new FileStream(temp, options), name);
        var direct = DirectWrites && LinuxDirectIo.TryEnable(stream.SafeFileHandle) ? new AlignedFileWriter(stream.SafeFileHandle) : null;
        return Task.FromResult<IBlobUpload>(new Upload(stream, direct, temp, final, name));
    }

    public Task<long> GetLengthAsync(string name, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? Task.FromResult(info.Length) : throw new BlobNotFoundException(name);
    }

    public Task<DateTimeOffset> GetLastModifiedAsync(string name, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? Task.FromResult(new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)) : throw new BlobNotFoundException(name);
    }

    public async Task<int> ReadAsync(string name, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new BlobNotFoundException(name);
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
        return await RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!path.EndsWith(PartialSuffix, StringComparison.Ordinal))
            {
                yield return Path.GetFileName(path);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 200 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || name.StartsWith('.'))
        {
            throw new ArgumentException($"'{name}' is not a valid blob name (letters, digits, '-', '_', '.').", nameof(name));
        }

        return Path.Combine(_directory, name);
    }

    private static T Wrap<T>(Func<T> action, string name)
    {
        try
        {
            return action();
        }
        catch (IOException ex)
        {
            throw Failure(ex, name);
        }
    }

    internal static BlobStoreException Failure(IOException ex, string name) =>
        // 28 is ENOSPC on Linux; 0x70 ERROR_DISK_FULL on Windows.
        (ex.HResult & 0xFFFF) is 28 or 0x70
            ? new BlobStoreException($"The disk is full; recording '{name}' was not stored and nothing of it is visible. Free space under the data directory and try again.", inner: ex)
            : new BlobStoreException($"Recording '{name}' could not be written: {ex.Message}", inner: ex);

    private sealed class Upload(FileStream stream, AlignedFileWriter? direct, string temp, string final, string name) : IBlobUpload
    {
        private const long WritebackEvery = 8 * 1024 * 1024;
        private bool _committed;
        private long _written;
        private long _flushedUpTo;

        public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            try
            {
                if (direct is not null)
                {
                    await direct.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                _written += data.Length;
                if (_written - _flushedUpTo >= WritebackEvery)
                {
                    LinuxWriteback.Start(stream.SafeFileHandle, _flushedUpTo, _written - _flushedUpTo);
                    _flushedUpTo = _written;
                }
            }
            catch (IOException ex)
            {
                throw Failure(ex, name);
            }
        }

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                if (direct is not null)
                {
                    await direct.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
                await stream.DisposeAsync().ConfigureAwait(false);
                File.Move(temp, final, overwrite: false);
                _committed = true;
            }
            catch (IOException ex) when (File.Exists(final) && !_committed)
            {
                throw new BlobStoreException($"A recording named '{name}' already exists; it was left as it was.", inner: ex);
            }
            catch (IOException ex)
            {
                throw Failure(ex, name);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (direct is not null && !_committed)
            {
                await direct.AbandonAsync().ConfigureAwait(false);
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            if (!_committed && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
