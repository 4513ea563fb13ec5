using System.Xml;
using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// Why the solution source cannot be packed, pinned to the file (relative to the source folder), the line
/// when known, and the element, so the fix is one edit away.
/// </summary>
internal sealed record SourceProblem(string File, int? Line, string Element, string Message)
{
    public static SourceProblem At(SourceDocument document, XElement? element, string elementText, string message) =>
        new(document.Path, LineOf(element), elementText, message);

    public override string ToString() => Line is { } line
        ? $"{File}:{line}: {Element}: {Message}"
        : $"{File}: {Element}: {Message}";

    private static int? LineOf(XElement? element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
