namespace CrmRecording.Service.Playback;

/// <summary>The rep's attestation when recording was started by hand after a verbal disclosure.</summary>
internal sealed record ManualStartView(Guid By, DateTimeOffset At, string Attestation);
