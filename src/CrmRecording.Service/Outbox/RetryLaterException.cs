namespace CrmRecording.Service.Outbox;

/// <summary>A job cannot go on yet (e.g. the CRM activity it writes to is not created yet); try again after <see cref="After"/>.</summary>
internal sealed class RetryLaterException(string message, TimeSpan? after = null) : Exception(message)
{
    public TimeSpan? After { get; } = after;
}
