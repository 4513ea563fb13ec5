using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Reports;

/// <summary>
/// Reads what the report page shows against the API's JSON: each number, text and moment the page marks with the JSON
/// Pointer of its value (<c>data-figure</c>, <c>data-moment</c>; <c>#length</c> names an array's length).
/// </summary>
internal static class ReportFigures
{
    public sealed record Shown(string Pointer, string Text);

    public static async Task<IReadOnlyList<Shown>> FiguresAsync(IPage page) =>
        [.. (await page.Locator("[data-figure]").EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.figure, e.textContent])"))
            .Select(p => new Shown(p[0], p[1]))];

    public static async Task<IReadOnlyList<Shown>> MomentsAsync(IPage page) =>
        [.. (await page.Locator("[data-moment]").EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.moment, e.getAttribute('datetime'), e.textContent])"))
            .Select(p => new Shown(p[0], p[1] + "|" + p[2]))];

    /// <summary>The value at a JSON Pointer (RFC 6901), or the length of the array there when it ends in <c>#length</c>.</summary>
    public static JsonElement Resolve(JsonElement root, string pointer)
    {
        var length = pointer.EndsWith("#length", StringComparison.Ordinal);
        var path = length ? pointer[..^"#length".Length] : pointer;
        var node = root;
        foreach (var raw in path.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(token, CultureInfo.InvariantCulture)] : node.GetProperty(token);
        }

        return length ? JsonDocument.Parse(node.GetArrayLength().ToString(CultureInfo.InvariantCulture)).RootElement : node;
    }

    /// <summary>The text the page must show for a JSON value: numbers with thousands separators, text as it is.</summary>
    public static string Expected(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDecimal().ToString("#,0.##", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        _ => throw new InvalidOperationException($"A figure cannot show a JSON {value.ValueKind}."),
    };

    /// <summary>Every number in the document with its JSON Pointer.</summary>
    public static IEnumerable<string> NumberPointers(JsonElement node, string pointer = "")
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Number:
                yield return pointer;
                break;
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    foreach (var inner in NumberPointers(property.Value, $"{pointer}/{property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}"))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    foreach (var inner in NumberPointers(item, $"{pointer}/{i++}"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
