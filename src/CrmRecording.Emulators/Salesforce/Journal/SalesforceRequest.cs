namespace CrmRecording.Emulators.Salesforce.Journal;

/// <summary>One request as the stand-in received it (login or instance host). Header names compare case-insensitively.</summary>
public sealed record SalesforceRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>The SOQL of a <c>/query?q=</c> request; null for other requests.</summary>
    public string? Soql => Url.AbsolutePath.EndsWith("/query", StringComparison.Ordinal) && Url.Query.StartsWith("?q=", StringComparison.Ordinal)
        ? Uri.UnescapeDataString(Url.Query[3..].Replace('+', ' '))
        : null;
}
