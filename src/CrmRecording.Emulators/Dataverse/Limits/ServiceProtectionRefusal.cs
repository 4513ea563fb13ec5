namespace CrmRecording.Emulators.Dataverse.Limits;

/// <summary>A request answered 429: when, for whom, by which limit, and the Retry-After (whole seconds) it carried.</summary>
public sealed record ServiceProtectionRefusal(DateTimeOffset At, Guid UserId, ServiceProtectionLimit Limit, TimeSpan RetryAfter)
{
    /// <summary>Until when the user was told not to send.</summary>
    public DateTimeOffset RetryAt => At + RetryAfter;
}
