using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>One XML file of the unpacked solution, with its path relative to the source folder ('/' separated).</summary>
internal sealed record SourceDocument(string Path, XDocument Document)
{
    public XElement Root => Document.Root!;
}
