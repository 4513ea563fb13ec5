namespace CrmRecording.Emulators.Twilio.Webhooks;

/// <summary>The outcome of one webhook: the body of a 2xx answer, or the debugger error it raised.</summary>
internal sealed record WebhookResult(Uri? Url, string Body, int? ErrorCode)
{
    public bool Succeeded => ErrorCode is null;
}
