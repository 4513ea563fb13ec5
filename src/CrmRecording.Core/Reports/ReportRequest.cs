namespace CrmRecording.Core.Reports;

/// <summary>What the report is asked for: calls placed in [<paramref name="From"/>, <paramref name="To"/>), shown in <paramref name="Zone"/>.</summary>
/// <param name="TeamMembers">The reps of the team named in <paramref name="Team"/> (CRM ids); null when no team was asked for.</param>
/// <param name="Rep">A rep's CRM id: only their calls.</param>
/// <param name="Jurisdiction">Only calls decided by (or, when the deciding one was not kept, weighing) this jurisdiction code.</param>
public sealed record ReportRequest(
    DateTimeOffset From,
    DateTimeOffset To,
    TimeZoneInfo Zone,
    string? Team = null,
    IReadOnlySet<string>? TeamMembers = null,
    string? Rep = null,
    string? Jurisdiction = null);
