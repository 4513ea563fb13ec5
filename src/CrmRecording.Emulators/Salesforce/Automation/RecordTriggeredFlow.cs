using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Org;

namespace CrmRecording.Emulators.Salesforce.Automation;

/// <summary>
/// The package's record-triggered flows on Contact and Lead (after save) with their Outbound Message action: they run
/// when a record is created, or when one of its input fields (phones, state and country, the consent fields) takes a new
/// value, except for saves by the service's integration user, whose enrichment write-back touches output fields only.
/// </summary>
internal static class RecordTriggeredFlow
{
    private static readonly string[] ConsentInputs =
    [
        "Recording_Consent_Status__c", "Recording_Consent_Date__c", "Recording_Consent_Method__c", "Recording_Do_Not_Record__c", "Recording_Verified_Region__c",
    ];

    private static readonly Dictionary<string, string[]> Inputs = new(StringComparer.Ordinal)
    {
        ["Contact"] = ["Phone", "MobilePhone", "MailingState", "MailingStateCode", "MailingCountry", "MailingCountryCode", .. ConsentInputs],
        ["Lead"] = ["Phone", "MobilePhone", "State", "StateCode", "Country", "CountryCode", .. ConsentInputs],
    };

    /// <summary>The fields the action sends, beside the inputs.</summary>
    private static readonly string[] Context = ["Id", "Name", "OwnerId", "Recording_Device_Type__c", "LastModifiedDate", "SystemModstamp"];

    /// <returns>The action's fields of the saved record when the flow runs for this save; null when it does not.</returns>
    public static IReadOnlyList<KeyValuePair<string, JsonNode?>>? Fires(RecordChange change, string integrationUserId)
    {
        if (!Inputs.TryGetValue(change.Type, out var inputs) || change.UserId == integrationUserId)
        {
            return null;
        }

        if (!change.Created && !change.ChangedFields.Any(f => inputs.Contains(f, StringComparer.OrdinalIgnoreCase)))
        {
            return null;
        }

        return [.. Context.Concat(inputs).Select(f => new KeyValuePair<string, JsonNode?>(f, change.Record[f]?.DeepClone()))];
    }
}
