namespace CrmRecording.Emulators.Twilio.Faults;

internal enum FaultKind
{
    /// <summary>429 with <c>Retry-After</c>, Twilio error 20429.</summary>
    TooManyRequests,

    /// <summary>500, Twilio error 20500.</summary>
    InternalError,

    /// <summary>503, Twilio error 20503.</summary>
    Unavailable,
}

internal sealed record InjectedFault(FaultKind Kind, TimeSpan RetryAfter);
