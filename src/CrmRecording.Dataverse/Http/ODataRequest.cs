namespace CrmRecording.Dataverse.Http;

/// <summary>One Web API call, kept as data so it can be sent again after a throttle.</summary>
internal sealed record ODataRequest(HttpMethod Method, Uri Uri)
{
    public byte[]? Body { get; init; }

    /// <summary>The body's media type when it is not JSON, e.g. a <c>$batch</c>'s <c>multipart/mixed; boundary=…</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>Prefer</c> header value, e.g. <c>return=representation</c> or <c>odata.maxpagesize=500</c>.</summary>
    public string? Prefer { get; init; }

    /// <summary>Sends <c>If-Match: *</c>, so a PATCH updates an existing row and never creates one.</summary>
    public bool IfMatchAny { get; init; }

    /// <summary>A 404 is an answer (the row does not exist), not an error.</summary>
    public bool NotFoundIsAnswer { get; init; }
}
