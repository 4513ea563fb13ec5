using System.Globalization;
using System.Text.Json;

namespace CrmRecording.Dataverse.Http;

/// <summary>
/// Reads typed columns from a Web API row. A value of the wrong JSON type breaks the documented
/// contract and surfaces as a <see cref="DataverseException"/> naming the column.
/// </summary>
internal static class ODataRow
{
    /// <summary>A text column; a choice column arrives as its option value and is returned as that number's text.</summary>
    public static string? Text(JsonElement row, string column) => Value(row, column) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        null => null,
        var v => throw Unexpected(column, "text", v.Value),
    };

    public static string RequiredText(JsonElement row, string column) =>
        Text(row, column) ?? throw Unexpected(column, "text", null);

    public static Guid? Id(JsonElement row, string column) => Value(row, column) switch
    {
        { ValueKind: JsonValueKind.String } v when Guid.TryParse(v.GetString(), out var id) => id,
        null => null,
        var v => throw Unexpected(column, "a GUID", v.Value),
    };

    public static Guid RequiredId(JsonElement row, string column) =>
        Id(row, column) ?? throw Unexpected(column, "a GUID", null);

    public static bool? Boolean(JsonElement row, string column) => Value(row, column) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        null => null,
        var v => throw Unexpected(column, "true or false", v.Value),
    };

    /// <summary>A date-only column (<c>2024-05-01</c>); a date-and-time value gives its UTC date.</summary>
    public static DateOnly? Date(JsonElement row, string column)
    {
        var text = Value(row, column) switch
        {
            { ValueKind: JsonValueKind.String } v => v.GetString()!,
            null => null,
            var v => throw Unexpected(column, "a date", v.Value),
        };
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOnly.FromDateTime(instant.UtcDateTime)
            : throw Unexpected(column, "a date", null, text);
    }

    public static IEnumerable<JsonElement> Rows(JsonElement page) =>
        page.ValueKind == JsonValueKind.Object && page.TryGetProperty("value", out var rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray()
            : throw new DataverseException(200, null, "The response has no 'value' array of rows.", null);

    private static JsonElement? Value(JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static DataverseException Unexpected(string column, string expected, JsonElement? actual, string? text = null)
    {
        var got = text is not null ? $"'{text}'" : actual is { } a ? $"a {a.ValueKind}" : "nothing";
        return new DataverseException(200, null, $"Column '{column}' should hold {expected} but holds {got}.", null);
    }
}
