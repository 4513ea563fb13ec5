namespace CrmRecording.Vault.Recordings;

/// <summary>What is known about a recording being stored.</summary>
/// <param name="Actor">Who stores it (audited).</param>
/// <param name="ContactId">The CRM contact or lead.</param>
/// <param name="CallId">The telephony call id.</param>
/// <param name="RetentionClass">Retention class; the configured default when null.</param>
/// <param name="ConsentLogRef">The consent log entry that allowed the recording.</param>
/// <param name="Action">The audit action: import (by hand) or ingest (from the call flow).</param>
/// <param name="Id">The id to store it under, chosen beforehand so an interrupted ingest can tell whether it already landed; a new random id when null.</param>
public sealed record ImportRequest(string Actor, string? ContactId = null, string? CallId = null, string? RetentionClass = null, string? ConsentLogRef = null, string Action = "import", RecordingId? Id = null);
