using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmRecording.Dataverse.Tests.Support;

internal static class JsonText
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON without whitespace, as the client writes it, so tests can state bodies readably and compare exactly.</summary>
    public static string Minify(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
