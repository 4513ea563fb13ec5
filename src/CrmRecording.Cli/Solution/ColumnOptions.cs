using System.Xml.Linq;

namespace CrmRecording.Cli.Solution;

/// <summary>The option values a declared column can hold: its global choice's, its local choice's, 0/1 for yes/no, its states or statuses.</summary>
internal static class ColumnOptions
{
    /// <returns>The values, or null for a column that is not a choice of any kind.</returns>
    public static IReadOnlySet<int>? Values(XElement column, SourceCatalog catalog)
    {
        var local = column.Element("optionset");
        var options = column.Element("Type")?.Value switch
        {
            "picklist" or "multiselectpicklist" when column.Element("OptionSetName")?.Value is { Length: > 0 } global =>
                catalog.OptionSetValues.TryGetValue(global, out var values) ? values : null,
            "picklist" or "multiselectpicklist" or "bit" => Ints(local?.Element("options")?.Elements("option")),
            "state" => Ints(local?.Element("states")?.Elements("state")),
            "status" => Ints(local?.Element("statuses")?.Elements("status")),
            _ => null,
        };
        return options is { Count: > 0 } ? options : null;
    }

    public static HashSet<int> Ints(IEnumerable<XElement>? options) =>
        options?.Select(o => SolutionXml.Int(o.Attribute("value")?.Value)).OfType<int>().ToHashSet() ?? [];
}
