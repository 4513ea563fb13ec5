using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Builds the importable zip's entries from a validated source: [Content_Types].xml, solution.xml,
/// customizations.xml, the web resource files and the environment variable definitions.
/// </summary>
internal static class SolutionPackageBuilder
{
    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";

    public static IReadOnlyList<PackageEntry> Build(SolutionSource source, SourceCatalog catalog, SolutionVersion version, bool managed, IReadOnlyList<GeneratedStep> steps)
    {
        // As a Dataverse export names them: the resource name without '/', '.' and the like, then its id.
        var webResourceFiles = source.WebResources.ToDictionary(
            d => d.Root.Element("Name")!.Value,
            d => "WebResources/" + new string([.. d.Root.Element("Name")!.Value.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_')])
                + SolutionXml.Guid(d.Root.Element("WebResourceId")!.Value)!.Value.ToString("D").ToUpperInvariant(),
            StringComparer.Ordinal);

        List<PackageEntry> entries =
        [
            new("[Content_Types].xml", Bytes(ContentTypes(webResourceFiles.Values))),
            new("solution.xml", Bytes(Manifest(source.Manifest!, version, managed, steps))),
            new("customizations.xml", Bytes(CustomizationsBuilder.Build(source, catalog, steps, webResourceFiles))),
        ];
        entries.AddRange(source.WebResources.OrderBy(d => webResourceFiles[d.Root.Element("Name")!.Value], StringComparer.Ordinal).Select(d => new PackageEntry(
            webResourceFiles[d.Root.Element("Name")!.Value],
            File.ReadAllBytes(source.FullPath(d.Root.Element("FileName")!.Value.TrimStart('/'))))));
        entries.AddRange(source.EnvironmentVariables.Select(d => new PackageEntry(d.Path, File.ReadAllBytes(source.FullPath(d.Path)))));
        return entries;
    }

    private static XDocument Manifest(SourceDocument manifest, SolutionVersion version, bool managed, IReadOnlyList<GeneratedStep> steps)
    {
        var document = new XDocument(manifest.Document);
        var solution = document.Root!.Element("SolutionManifest")!;
        solution.Element("Version")!.Value = version.ToString();
        solution.Element("Managed")!.Value = managed ? "1" : "0";
        solution.Element("RootComponents")!.Add(steps.OrderBy(s => s.Id).Select(s => new XElement(
            "RootComponent",
            new XAttribute("type", RootComponentCheck.Step),
            new XAttribute("id", SolutionXml.Braced(s.Id)),
            new XAttribute("behavior", 0))));
        return document;
    }

    private static XDocument ContentTypes(IEnumerable<string> webResourceFiles)
    {
        XNamespace ns = ContentTypesNamespace;
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                ns + "Types",
                new XElement(ns + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/octet-stream")),
                // Web resource files have no extension in the zip, so each gets an override.
                webResourceFiles.Order(StringComparer.Ordinal).Select(f => new XElement(
                    ns + "Override", new XAttribute("PartName", "/" + f), new XAttribute("ContentType", "application/octet-stream")))));
    }

    private static byte[] Bytes(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Indent = true }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }
}
