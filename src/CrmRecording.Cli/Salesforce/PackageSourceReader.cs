using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// Reads an sfdx project: sfdx-project.json, then every file under each package directory's <c>main/default</c>,
/// each recognised by folder and suffix, each metadata XML file parsed (well-formed, root element of its type in
/// the metadata namespace), each Apex body paired with its <c>-meta.xml</c>.
/// </summary>
internal static class PackageSourceReader
{
    public static readonly XNamespace Metadata = "http://soap.sforce.com/2006/04/metadata";

    private const string ProjectFile = "sfdx-project.json";

    private static readonly string[] IgnoredNames = [".forceignore", ".gitignore", "README.md", ProjectFile];

    /// <exception cref="UsageException">The folder is not an sfdx project.</exception>
    public static PackageSource Read(string root, List<PackageProblem> problems)
    {
        var directories = ProjectDirectories(root);
        var files = new List<MetadataFile>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                     .Order(StringComparer.Ordinal))
        {
            if (Resolve(path, directories) is { } file)
            {
                files.Add(file.IsContent ? file : Parse(root, file, problems));
            }
            else if (!IgnoredNames.Contains(Path.GetFileName(path), StringComparer.Ordinal))
            {
                problems.Add(new PackageProblem(path, null, Placement(path, directories)));
            }
        }

        PairApexBodies(files, problems);
        return new PackageSource { Root = root, PackageDirectories = directories, Files = files };
    }

    private static MetadataFile? Resolve(string path, IReadOnlyList<string> directories)
    {
        foreach (var directory in directories)
        {
            var prefix = $"{directory}/main/default/";
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return MetadataKinds.Resolve(path, path[prefix.Length..].Split('/'));
            }
        }

        return null;
    }

    private static string Placement(string path, IReadOnlyList<string> directories) =>
        directories.Any(d => path.StartsWith($"{d}/main/default/", StringComparison.Ordinal))
            ? $"not a metadata type crmrec knows by folder and suffix (folders: {MetadataKinds.Known}; files end in .TYPE-meta.xml); sf project convert source would drop it."
            : $"outside the package directories' main/default folder ({string.Join(", ", directories.Select(d => d + "/main/default"))}); sf project convert source would not package it.";

    private static MetadataFile Parse(string root, MetadataFile file, List<PackageProblem> problems)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(Path.Combine(root, file.Path), LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            problems.Add(new PackageProblem(file.Path, ex.LineNumber, $"not well-formed XML: {ex.Message}"));
            return file;
        }

        var expected = Metadata + file.Type;
        if (document.Root!.Name != expected)
        {
            problems.Add(PackageProblem.At(file, document.Root, $"the root element is <{document.Root.Name.LocalName}> in '{document.Root.Name.NamespaceName}'; a {file.Type} file's is <{file.Type} xmlns=\"{Metadata.NamespaceName}\">."));
            return file;
        }

        return file with { Document = document };
    }

    /// <summary>The converter drops an Apex body without its -meta.xml, and a -meta.xml without a body, silently.</summary>
    private static void PairApexBodies(List<MetadataFile> files, List<PackageProblem> problems)
    {
        foreach (var group in files.Where(f => f.Type is "ApexClass" or "ApexTrigger").GroupBy(f => (f.Type, f.Name)))
        {
            var body = group.FirstOrDefault(f => f.IsContent);
            var meta = group.FirstOrDefault(f => !f.IsContent);
            if (body is not null && meta is null)
            {
                problems.Add(new PackageProblem(body.Path, null, $"has no {Path.GetFileName(body.Path)}-meta.xml beside it (apiVersion and status); sf project convert source would drop the {group.Key.Type}."));
            }
            else if (meta is not null && body is null)
            {
                problems.Add(new PackageProblem(meta.Path, null, $"has no {Path.GetFileName(meta.Path)[..^"-meta.xml".Length]} beside it: the {group.Key.Type} has no code."));
            }
        }
    }

    private static List<string> ProjectDirectories(string root)
    {
        var project = Path.Combine(root, ProjectFile);
        if (!File.Exists(project))
        {
            throw new UsageException($"--source: {root} has no {ProjectFile}; name the sfdx project folder (solution-package/salesforce).");
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(project));
            var directories = json.RootElement.GetProperty("packageDirectories").EnumerateArray()
                .Select(d => d.GetProperty("path").GetString()!.Trim('/'))
                .ToList();
            return directories.Count > 0 ? directories : throw new UsageException($"{ProjectFile}: packageDirectories is empty.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UsageException($"{project}: not an sfdx project file ({ex.Message}); it needs packageDirectories[].path.");
        }
    }
}
