namespace CrmRecording.Salesforce.Http;

/// <summary>One REST call, kept as data so it can be sent again with a new session after a 401.</summary>
/// <param name="PathAndQuery">Relative to the instance, e.g. <c>/services/data/v66.0/query?q=...</c>.</param>
internal sealed record SalesforceRequest(HttpMethod Method, string PathAndQuery)
{
    public byte[]? Body { get; init; }

    /// <summary>A 404 is an answer (no such record), not an error.</summary>
    public bool NotFoundIsAnswer { get; init; }
}
