namespace CrmRecording.Telephony.Http;

/// <summary>One REST call kept as data, so each attempt sends a fresh <see cref="HttpRequestMessage"/>.</summary>
internal sealed record TwilioRequest(HttpMethod Method, Uri Uri, string Label)
{
    /// <summary>The form fields in order; a name may repeat (<c>StatusCallbackEvent</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Form { get; init; }

    /// <summary>Sending it twice has the same effect as once, so a 5xx or a lost connection may be retried.</summary>
    public bool Idempotent { get; init; }

    /// <summary>A 404 is an answer (the resource is gone), not an error.</summary>
    public bool NotFoundIsAnswer { get; init; }

    /// <summary><see cref="HttpCompletionOption.ResponseHeadersRead"/> for media, so the body streams instead of being buffered.</summary>
    public HttpCompletionOption Completion { get; init; } = HttpCompletionOption.ResponseContentRead;
}
