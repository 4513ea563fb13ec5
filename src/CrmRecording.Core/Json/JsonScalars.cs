using System.Globalization;
using System.Text.Json;

namespace CrmRecording.Core.Json;

/// <summary>The values every CRM's JSON writes the same way; each adapter adds its own dates and references.</summary>
public static class JsonScalars
{
    /// <summary>
    /// Writes null, string, bool, int, long, decimal, a finite double or a <see cref="DateOnly"/> (<c>yyyy-MM-dd</c>);
    /// false, with nothing written, for any other value.
    /// </summary>
    public static bool TryWrite(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return true;
            case string s:
                writer.WriteStringValue(s);
                return true;
            case bool b:
                writer.WriteBooleanValue(b);
                return true;
            case int i:
                writer.WriteNumberValue(i);
                return true;
            case long l:
                writer.WriteNumberValue(l);
                return true;
            case decimal m:
                writer.WriteNumberValue(m);
                return true;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                return true;
            case DateOnly d:
                writer.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }
}
