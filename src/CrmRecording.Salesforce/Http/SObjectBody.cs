using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmRecording.Salesforce.Records;

namespace CrmRecording.Salesforce.Http;

/// <summary>Writes request bodies: compact JSON, fields in the order given, values in the REST API's formats.</summary>
internal static class SObjectBody
{
    // The bodies go to an API, never into HTML, so '+' in a phone number stays '+' rather than \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Fields(IReadOnlyDictionary<string, object?> fields) => Write(w =>
    {
        w.WriteStartObject();
        WriteFields(w, fields);
        w.WriteEndObject();
    });

    /// <summary><c>{"allOrNone":false,"records":[{"attributes":{"type":"Task"},"Id":...,...}]}</c>.</summary>
    public static byte[] Collection(IEnumerable<SObjectRecord> records, bool allOrNone) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("allOrNone", allOrNone);
        w.WriteStartArray("records");
        foreach (var record in records)
        {
            w.WriteStartObject();
            w.WriteStartObject("attributes");
            w.WriteString("type", record.Type);
            w.WriteEndObject();
            if (record.Id is { } id)
            {
                w.WriteString("id", id.Value);
            }

            WriteFields(w, record.Fields);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static void WriteFields(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> fields)
    {
        foreach (var (name, value) in fields)
        {
            Field(writer, name, value);
        }
    }

    private static void Field(Utf8JsonWriter writer, string field, object? value)
    {
        writer.WritePropertyName(field);
        if (CrmRecording.Core.Json.JsonScalars.TryWrite(writer, value))
        {
            return;
        }

        switch (value)
        {
            case DateTimeOffset t:
                // dateTime fields: ISO 8601 in UTC with milliseconds, as Salesforce returns them.
                writer.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case SalesforceId id:
                writer.WriteStringValue(id.Value);
                break;
            default:
                throw new ArgumentException(
                    $"Field '{field}': a {value!.GetType().Name} cannot be sent to Salesforce (use string, bool, int, long, decimal, double, DateTimeOffset, DateOnly or SalesforceId).",
                    nameof(value));
        }
    }
}
