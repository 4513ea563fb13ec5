namespace CrmRecording.Salesforce.Http;

/// <summary>SOQL literals: ids are validated by <see cref="SalesforceId"/>, strings quoted with SOQL's escapes.</summary>
internal static class Soql
{
    public static string Quote(SalesforceId id) => $"'{id.Value}'";

    /// <summary>A string literal: backslash and single quote escaped, as SOQL's reserved characters are.</summary>
    public static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string List(IEnumerable<SalesforceId> ids) => "(" + string.Join(", ", ids.Select(Quote)) + ")";
}
