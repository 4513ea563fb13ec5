using System.Globalization;
using System.Text;

namespace CrmRecording.Core.Reports;

/// <summary>
/// The report as CSV (RFC 4180): <c>section,subject,measure,value</c>, one row per figure or list field, the same values
/// as the JSON. A subject made of several keys joins them with <c>|</c>.
/// </summary>
public static class ReportCsv
{
    public const string Header = "section,subject,measure,value";

    public static string Write(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var (section, subject, measure, value) in ReportFacts.Of(report))
        {
            csv.Append(Field(section)).Append(',').Append(Field(subject)).Append(',').Append(Field(measure)).Append(',').Append(Field(value)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>Quoted when it holds a comma, quote or line break; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' || (value.Length > 1 && value[0] == '-' && !char.IsDigit(value[1])))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    internal static string Text(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    internal static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
