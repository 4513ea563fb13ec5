using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmRecording.Dataverse.Http;

/// <summary>Writes request bodies: compact JSON, columns in the order given, values in the Web API's formats.</summary>
internal static class ODataBody
{
    // The bodies go to an API, never into HTML, so '+' in a phone number stays '+' rather than \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Object(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes one column. Supported values: null, string, bool, int, long, decimal, double, Guid,
    /// DateTimeOffset (sent in UTC to the second, as Dataverse stores it), UTC DateTime, DateOnly
    /// (<c>yyyy-MM-dd</c>) and <see cref="RowReference"/> (its bind path, for <c>@odata.bind</c> columns).
    /// </summary>
    public static void Column(Utf8JsonWriter writer, string column, object? value)
    {
        writer.WritePropertyName(column);
        if (CrmRecording.Core.Json.JsonScalars.TryWrite(writer, value))
        {
            return;
        }

        switch (value)
        {
            case Guid g:
                writer.WriteStringValue(g.ToString("D"));
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(Utc(t.UtcDateTime));
                break;
            case DateTime t when t.Kind == DateTimeKind.Utc:
                writer.WriteStringValue(Utc(t));
                break;
            case RowReference r:
                writer.WriteStringValue(r.BindPath);
                break;
            default:
                throw new ArgumentException(
                    $"Column '{column}': a {value!.GetType().Name} cannot be sent to Dataverse (use string, bool, int, long, decimal, double, Guid, DateTimeOffset, UTC DateTime, DateOnly or RowReference).",
                    nameof(value));
        }
    }

    private static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
