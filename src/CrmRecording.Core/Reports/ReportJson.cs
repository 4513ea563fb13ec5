using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmRecording.Core.Reports;

/// <summary>The report's JSON: camelCase, indented, times with their offset in the viewer's zone.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(ComplianceReport report) => JsonSerializer.Serialize(report, Options);

    public static ComplianceReport? Read(string json) => JsonSerializer.Deserialize<ComplianceReport>(json, Options);
}
