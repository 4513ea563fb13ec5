using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmRecording.Cli.Solution;

/// <summary>WebResources: every .data.xml names a prefixed resource whose file is there and whose type matches its extension.</summary>
internal static partial class WebResourceCheck
{
    /// <summary>webresourcetype by file extension (1 HTML, 2 CSS, 3 script, 4 XML, 5 PNG, 6 JPG, 7 GIF, 8 XAP, 9 XSL, 10 ICO, 11 SVG, 12 RESX).</summary>
    public static readonly IReadOnlyDictionary<string, int> TypeByExtension = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        [".htm"] = 1,
        [".html"] = 1,
        [".css"] = 2,
        [".js"] = 3,
        [".xml"] = 4,
        [".png"] = 5,
        [".jpg"] = 6,
        [".jpeg"] = 6,
        [".gif"] = 7,
        [".xap"] = 8,
        [".xsl"] = 9,
        [".xslt"] = 9,
        [".ico"] = 10,
        [".svg"] = 11,
        [".resx"] = 12,
    };

    public static void Run(SolutionSource source, SolutionIdentity identity, List<SourceProblem> problems)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<Guid>();
        foreach (var document in source.WebResources)
        {
            var root = document.Root;
            var name = root.Element("Name")?.Value;
            var where = $"<WebResource> <Name>{name}</Name>";
            if (root.Name.LocalName != "WebResource" || string.IsNullOrWhiteSpace(name) || SolutionXml.Guid(root.Element("WebResourceId")?.Value) is not { } id)
            {
                problems.Add(SourceProblem.At(document, root, $"<{root.Name.LocalName}>", "the root must be <WebResource> with a <WebResourceId> GUID and a <Name>."));
                continue;
            }

            if (!ids.Add(id))
            {
                problems.Add(SourceProblem.At(document, root.Element("WebResourceId"), where, $"<WebResourceId> {SolutionXml.Braced(id)} is used by another web resource."));
            }

            if (!name.StartsWith(identity.SchemaPrefix, StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, root.Element("Name"), where, $"a web resource's name must start with the publisher prefix {identity.SchemaPrefix}."));
            }

            if (!string.Equals(document.Path, $"WebResources/{name}.data.xml", StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, root.Element("Name"), where, $"SolutionPackager keeps the metadata next to the file: WebResources/{name}.data.xml."));
            }

            var fileName = root.Element("FileName");
            var path = fileName?.Value.TrimStart('/') ?? string.Empty;
            if (!string.Equals(path, $"WebResources/{name}", StringComparison.Ordinal))
            {
                problems.Add(SourceProblem.At(document, fileName ?? root, $"{where} <FileName>{fileName?.Value}</FileName>", $"must be /WebResources/{name}."));
            }
            else if (!source.WebResourceFiles.Contains(path, StringComparer.Ordinal))
            {
                problems.Add(SourceProblem.At(document, fileName, $"{where} <FileName>{fileName!.Value}</FileName>", $"the web resource file {path} is missing."));
            }

            referenced.Add(path);
            if (Path.GetExtension(name) is ".htm" or ".html" && source.WebResourceFiles.Contains(path, StringComparer.Ordinal))
            {
                CheckPageReferences(source, document, name, path, problems);
            }

            var type = SolutionXml.Int(root.Element("WebResourceType")?.Value);
            if (!TypeByExtension.TryGetValue(Path.GetExtension(name), out var expected) || type != expected)
            {
                problems.Add(SourceProblem.At(document, root.Element("WebResourceType") ?? root, $"{where} <WebResourceType>{type}</WebResourceType>",
                    TypeByExtension.ContainsKey(Path.GetExtension(name))
                        ? string.Create(CultureInfo.InvariantCulture, $"a {Path.GetExtension(name)} web resource has type {expected}.")
                        : $"name it with the file's extension ({string.Join(", ", TypeByExtension.Keys)}) so its type can be checked."));
            }
        }

        foreach (var orphan in source.WebResourceFiles.Where(f => !referenced.Contains(f)))
        {
            problems.Add(new SourceProblem(orphan, null, "file", $"no {orphan}.data.xml describes this web resource, so it would not be packed."));
        }
    }

    /// <summary>A page's own scripts and styles (relative src and href) are web resources of the solution, next to it.</summary>
    private static void CheckPageReferences(SolutionSource source, SourceDocument document, string name, string path, List<SourceProblem> problems)
    {
        var folder = name.Contains('/', StringComparison.Ordinal) ? name[..(name.LastIndexOf('/') + 1)] : string.Empty;
        var names = source.WebResources.Select(d => d.Root.Element("Name")?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (Match reference in PageReference().Matches(File.ReadAllText(source.FullPath(path))))
        {
            var target = reference.Groups["url"].Value;
            if (target.Contains(':', StringComparison.Ordinal) || target.StartsWith('/') || target.StartsWith('#'))
            {
                continue; // absolute URLs and the org's own paths are not the solution's to check
            }

            if (!names.Contains(folder + target))
            {
                problems.Add(new SourceProblem(path, null, reference.Value, $"{folder + target} is not a web resource in WebResources/, so the page would load nothing there ({document.Path})."));
            }
        }
    }

    [GeneratedRegex(@"<(?:script|link)\b[^>]*\b(?:src|href)=""(?<url>[^""]+)""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PageReference();
}
