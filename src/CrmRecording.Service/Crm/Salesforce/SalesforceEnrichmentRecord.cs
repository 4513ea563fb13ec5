using CrmRecording.Plugins.Ports;
using CrmRecording.Salesforce;
using CrmRecording.Salesforce.Customers;
using CrmRecording.Salesforce.Records;

namespace CrmRecording.Service.Crm.Salesforce;

/// <summary>
/// A Contact's or Lead's enrichment as the record update sent in an sObject Collection: only the package's output
/// fields (<see cref="RecordingFields"/>), none of the inputs the org's flow watches, so the write-back never
/// notifies the service again.
/// </summary>
internal static class SalesforceEnrichmentRecord
{
    /// <summary>The output fields written, in the order sent.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        RecordingFields.Jurisdictions, RecordingFields.LocationSource, RecordingFields.EvidenceStrength, RecordingFields.DeviceType,
        RecordingFields.Rule, RecordingFields.Decision, RecordingFields.KeyReasons, RecordingFields.RulesVersion,
        RecordingFields.PhoneE164, RecordingFields.LastEnriched,
    ];

    public static SObjectRecord For(string objectType, SalesforceId id, ContactEnrichment enrichment) => new(
        objectType,
        new Dictionary<string, object?>
        {
            [RecordingFields.Jurisdictions] = Text(enrichment.Jurisdictions, 255),
            [RecordingFields.LocationSource] = Text(enrichment.LocationSource, 255),
            [RecordingFields.EvidenceStrength] = Text(enrichment.EvidenceStrength, 255),
            [RecordingFields.DeviceType] = Text(enrichment.DeviceType, 255),
            [RecordingFields.Rule] = Text(enrichment.RecordingRule, 255),
            [RecordingFields.Decision] = Text(enrichment.Decision, 255),
            [RecordingFields.KeyReasons] = Text(enrichment.Reasons, 32_000),
            [RecordingFields.RulesVersion] = Text(enrichment.RulesVersion, 255),
            [RecordingFields.PhoneE164] = enrichment.PhoneE164,
            [RecordingFields.LastEnriched] = enrichment.EnrichedAt,
        },
        id);

    private static string? Text(string value, int max) =>
        value.Length == 0 ? null : value.Length <= max ? value : value[..(max - 1)] + "…";
}
