namespace CrmRecording.Core.Reports;

/// <summary>What will be deleted when, what is held, and what erasure requests deleted and kept.</summary>
/// <param name="DueBy">The end of the look-ahead: 30 days after the report was made.</param>
/// <param name="DueForDeletion">Recordings whose retention ends before <paramref name="DueBy"/> and that no hold keeps, soonest first.</param>
/// <param name="Holds">Recordings on legal hold now.</param>
/// <param name="Erasures">Erasure requests carried out in the period.</param>
/// <param name="DeletedByRetention">Recordings deleted in the period because their retention ended.</param>
public sealed record RetentionFigures(DateTimeOffset DueBy, IReadOnlyList<RetentionLine> DueForDeletion, IReadOnlyList<HoldLine> Holds, IReadOnlyList<ErasureLine> Erasures, int DeletedByRetention);

public sealed record RetentionLine(ReportRecordingLink Recording, string RetentionClass, DateTimeOffset DeleteAfter, string? CallId);

public sealed record HoldLine(ReportRecordingLink Recording, string Reason, DateTimeOffset HeldAt);

/// <param name="Subject">Whose data was to be erased (the CRM contact's id).</param>
public sealed record ErasureLine(DateTimeOffset At, string Actor, string Subject, IReadOnlyList<string> Deleted, IReadOnlyList<ErasureKept> Kept);

public sealed record ErasureKept(ReportRecordingLink Recording, string Reason);

/// <summary>The audit trail's hash chain, verified from its first event when the report was made.</summary>
/// <param name="LastVerifiedSequence">The last event the verification reached intact.</param>
public sealed record AuditFigures(bool Intact, long Events, long? LastVerifiedSequence, DateTimeOffset? LastVerifiedAt, string? LastVerifiedAction, long? BrokenAt, string? BrokenReason);

/// <summary>The rules data and policy in force when the report was made, and the versions the period's decisions used.</summary>
public sealed record RulesFigures(string InForce, string PolicyVersion, IReadOnlyList<OverrideLine> Overrides, IReadOnlyList<VersionCount> UsedInPeriod);

public sealed record OverrideLine(string Jurisdiction, string Rule, string Reason);

public sealed record VersionCount(string RulesVersion, int Calls);
