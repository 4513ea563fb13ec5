using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmRecording.Emulators.Salesforce.Http;

/// <summary>
/// Query results served in pages: the first page answers <c>done:false</c> and a <c>nextRecordsUrl</c> of the form
/// <c>/services/data/vXX.X/query/01g...-2000</c> while more remain; the locator is forgotten once read to the end.
/// </summary>
internal sealed class QueryPages(int pageSize)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, IReadOnlyList<JsonObject>> open = new(StringComparer.Ordinal);
    private long next;

    public JsonObject First(IReadOnlyList<JsonObject> records, string apiPath)
    {
        string locator;
        lock (gate)
        {
            locator = "01gSd" + (++next).ToString("D10", CultureInfo.InvariantCulture);
            if (records.Count > pageSize)
            {
                open[locator] = records;
            }
        }

        return Page(records, 0, locator, apiPath);
    }

    /// <summary>The page at <c>{locator}-{offset}</c>; null when the locator is unknown or spent.</summary>
    public JsonObject? Next(string locatorAndOffset, string apiPath)
    {
        var dash = locatorAndOffset.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(locatorAndOffset.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        var locator = locatorAndOffset[..dash];
        IReadOnlyList<JsonObject>? records;
        lock (gate)
        {
            if (!open.TryGetValue(locator, out records) || offset >= records.Count)
            {
                return null;
            }

            if (offset + pageSize >= records.Count)
            {
                open.Remove(locator);
            }
        }

        return Page(records, offset, locator, apiPath);
    }

    private JsonObject Page(IReadOnlyList<JsonObject> records, int offset, string locator, string apiPath)
    {
        var end = Math.Min(records.Count, offset + pageSize);
        var page = new JsonObject { ["totalSize"] = records.Count, ["done"] = end >= records.Count };
        if (end < records.Count)
        {
            page["nextRecordsUrl"] = $"{apiPath}query/{locator}-{end}";
        }

        page["records"] = new JsonArray([.. records.Skip(offset).Take(end - offset).Select(r => (JsonNode)r.DeepClone())]);
        return page;
    }
}
