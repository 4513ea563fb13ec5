namespace CrmRecording.Plugins.Ports;

/// <summary>What the enrichment step writes back onto a contact or lead.</summary>
/// <param name="Jurisdictions">Customer jurisdiction codes, space-separated (<c>US-*</c> for every state).</param>
/// <param name="LocationSource">The strongest evidence in words.</param>
/// <param name="EvidenceStrength">none, weak, medium or strong.</param>
/// <param name="DeviceType">Line type from the lookup.</param>
/// <param name="RecordingRule">The deciding rule.</param>
/// <param name="Decision">The default decision (for the rep's region on file).</param>
/// <param name="Reasons">The key reasons, joined.</param>
/// <param name="RulesVersion">The jurisdiction data's version.</param>
/// <param name="EnrichedAt">When.</param>
/// <param name="PhoneE164">The number the decision read, in E.164; null when none could be read.</param>
public sealed record ContactEnrichment(
    string Jurisdictions,
    string LocationSource,
    string EvidenceStrength,
    string DeviceType,
    string RecordingRule,
    string Decision,
    string Reasons,
    string RulesVersion,
    DateTimeOffset EnrichedAt,
    string? PhoneE164 = null);
