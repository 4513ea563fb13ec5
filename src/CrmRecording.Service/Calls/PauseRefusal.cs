namespace CrmRecording.Service.Calls;

/// <summary>A PCI pause the rep asked for and the telephony provider refused, so the recording went on; listed for audit.</summary>
public sealed record PauseRefusal(DateTimeOffset At, Guid By, string Reason);
