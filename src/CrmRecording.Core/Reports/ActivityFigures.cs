namespace CrmRecording.Core.Reports;

/// <summary>A recording the rep started by hand after a verbal disclosure, with their attestation and its review.</summary>
/// <param name="Review">The first access to one of the call's recordings granted to someone other than the rep, up to when the report was made; null while nobody has reviewed it.</param>
public sealed record ManualStartLine(ReportCallLine Call, DateTimeOffset At, ReportUser StartedBy, string Attestation, ReportReview? Review);

/// <param name="Basis">What granted the access: <c>role:Recording Reviewer</c>, <c>owner-manager</c>, …</param>
public sealed record ReportReview(ReportUser By, string Basis, DateTimeOffset At);

/// <summary>PCI pauses on calls of the period.</summary>
/// <param name="PausedSeconds">Total time kept out of recordings (a span still open counts until the call ended).</param>
/// <param name="RefusedPauses">Pause requests the telephony provider refused (recording went on).</param>
public sealed record PauseFigures(int Pauses, double PausedSeconds, int CallsWithPauses, int RefusedPauses, IReadOnlyList<PauseRefusalLine> Refusals);

public sealed record PauseRefusalLine(ReportCallLine Call, DateTimeOffset At, string Reason);

/// <summary>A recording that ended <c>lost</c>: the provider no longer has it and the vault never stored it.</summary>
public sealed record LostRecordingLine(ReportCallLine Call, string RecordingSid, string Reason);

/// <summary>Who listened to and looked at recordings in the period, and who was refused (from the audit trail).</summary>
/// <param name="Listens">Distinct (user, recording) pairs with audio served.</param>
/// <param name="ListenSessions">Audited starts of listening: one playback event per user and recording per listen window (Playback:ListenWindowSeconds), however many range requests the player sent inside it.</param>
/// <param name="Views">Recording details shown.</param>
/// <param name="Refusals">Requests refused.</param>
public sealed record AccessFigures(int Listens, int ListenSessions, int Views, int Refusals, IReadOnlyList<AccessByUser> ByUser, IReadOnlyList<AccessByRole> ByRole, IReadOnlyList<AccessRefusalLine> RefusalList);

/// <param name="Role">What last granted the user access in the period (see <see cref="ReportReview.Basis"/>), or <c>none</c> when only refused.</param>
public sealed record AccessByUser(ReportUser User, string Role, int Listens, int ListenSessions, int Views, int Refusals);

public sealed record AccessByRole(string Role, int Users, int Listens, int ListenSessions, int Views);

public sealed record AccessRefusalLine(DateTimeOffset At, ReportUser User, ReportRecordingLink? Recording, string Reason);
