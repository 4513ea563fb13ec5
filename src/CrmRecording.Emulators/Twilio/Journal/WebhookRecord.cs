namespace CrmRecording.Emulators.Twilio.Journal;

/// <summary>
/// One webhook request the stand-in sent and what came back. <see cref="ErrorCode"/> is the debugger error Twilio
/// would log for it (11200 HTTP retrieval failure for a non-2xx answer or no answer, 12100 for TwiML that does not
/// parse), null when it went well.
/// </summary>
public sealed record WebhookRecord(
    WebhookKind Kind,
    string Method,
    string Url,
    string CallSid,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Signature,
    int? StatusCode,
    string ResponseBody,
    int? ErrorCode,
    string? Failure)
{
    /// <summary>The first value of a sent parameter, or null.</summary>
    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Key == name).Value;

    public bool Succeeded => ErrorCode is null;
}
