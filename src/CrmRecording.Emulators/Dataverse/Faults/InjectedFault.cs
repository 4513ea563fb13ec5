namespace CrmRecording.Emulators.Dataverse.Faults;

internal enum FaultKind
{
    Throttled,
    Unavailable,
}

internal sealed record InjectedFault(FaultKind Kind, TimeSpan RetryAfter);
