using System.Globalization;
using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>Small readers for the solution XML's conventions (braced GUIDs, 0/1 flags, attribute lists).</summary>
internal static class SolutionXml
{
    public static IEnumerable<XElement> Attributes(SourceDocument entity) =>
        entity.Root.Element("EntityInfo")?.Element("entity")?.Element("attributes")?.Elements("attribute") ?? [];

    /// <summary>A GUID written with or without braces (<c>{d1fe1592-...}</c>), or null.</summary>
    public static Guid? Guid(string? text) =>
        text is not null && System.Guid.TryParseExact(text.Trim().Trim('{', '}'), "D", out var id) ? id : null;

    public static string Braced(Guid id) => id.ToString("B", CultureInfo.InvariantCulture);

    public static int? Int(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string Describe(XElement element, params string[] attributes)
    {
        var shown = attributes.Select(a => element.Attribute(a) is { } value ? $" {a}=\"{value.Value}\"" : string.Empty);
        return $"<{element.Name.LocalName}{string.Concat(shown)}>";
    }

    /// <summary>A copy of an element without namespace declarations, to nest it in another document.</summary>
    public static XElement Detached(XElement element) =>
        new(element.Name, element.Attributes().Where(a => !a.IsNamespaceDeclaration), element.Nodes().Select(Copy));

    private static object Copy(XNode node) => node is XElement child ? Detached(child) : node is XText text ? new XText(text) : node;
}
