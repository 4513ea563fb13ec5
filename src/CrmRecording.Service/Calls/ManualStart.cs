namespace CrmRecording.Service.Calls;

/// <summary>The rep's own statement that the customer heard a verbal disclosure and agreed, recorded with who and when.</summary>
public sealed record ManualStart(Guid By, DateTimeOffset At, string Attestation);
