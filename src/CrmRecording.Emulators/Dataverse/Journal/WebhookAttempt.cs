namespace CrmRecording.Emulators.Dataverse.Journal;

/// <summary>One HTTP attempt of a webhook delivery: the status the service answered, or why there was no answer.</summary>
public sealed record WebhookAttempt(int? StatusCode, string ResponseBody, string? Failure)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
