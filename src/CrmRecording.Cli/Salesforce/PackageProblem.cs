using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// Why the Salesforce source cannot be packed: the file (relative to the package folder, '/' separated), the line
/// when known, and the reason, printed as <c>file:line: reason</c> so an editor jumps to it.
/// </summary>
internal sealed record PackageProblem(string File, int? Line, string Reason)
{
    public static PackageProblem At(MetadataFile file, XObject? node, string reason) => new(file.Path, LineOf(node), reason);

    public override string ToString() => Line is { } line ? $"{File}:{line}: {Reason}" : $"{File}: {Reason}";

    private static int? LineOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
