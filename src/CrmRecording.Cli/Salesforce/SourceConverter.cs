using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// Runs <c>sf project convert source</c> into a scratch folder and reads back the package.xml it wrote, so the
/// package admins deploy is what Salesforce's own tooling makes of the source, with every component counted.
/// </summary>
internal static class SourceConverter
{
    /// <returns>The converted (Metadata API format) folder; the caller deletes it.</returns>
    public static string Convert(PackageSource source, SalesforceTools tools)
    {
        var output = Path.Combine(Path.GetTempPath(), $"crmrec-salesforce-{Guid.NewGuid():N}");
        var arguments = new List<string> { "project", "convert", "source", "--output-dir", output, "--json" };
        foreach (var directory in source.PackageDirectories)
        {
            arguments.AddRange(["--root-dir", directory]);
        }

        var (exit, stdout, stderr) = tools.RunSf(source.Root, [.. arguments]);
        if (exit != 0 || !File.Exists(Path.Combine(output, "package.xml")))
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            throw new IOException($"sf project convert source failed (exit {exit}): {stdout.Trim()} {stderr.Trim()}".TrimEnd());
        }

        return output;
    }

    /// <summary>Members by type in a package.xml.</summary>
    public static IReadOnlyDictionary<string, int> Counts(string packageXml)
    {
        var md = PackageSourceReader.Metadata;
        return XDocument.Load(packageXml).Root!.Elements(md + "types")
            .ToDictionary(t => t.Element(md + "name")!.Value.Trim(), t => t.Elements(md + "members").Count(), StringComparer.Ordinal);
    }
}
