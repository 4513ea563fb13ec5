namespace CrmRecording.Salesforce.Customers;

/// <summary>
/// The package's custom fields on Contact and Lead (solution-package/salesforce): the consent on file and the
/// verified region that decisions read, and the enrichment the service writes back.
/// </summary>
public static class RecordingFields
{
    /// <summary>Picklist: Unknown, Granted, Declined, Revoked (API values in lower case: unknown, granted, ...).</summary>
    public const string ConsentStatus = "Recording_Consent_Status__c";

    /// <summary>Date the customer last answered.</summary>
    public const string ConsentDate = "Recording_Consent_Date__c";

    /// <summary>How they answered: keypad, speech, verbal, written...</summary>
    public const string ConsentMethod = "Recording_Consent_Method__c";

    /// <summary>The evidence reference (the call id and event) of the last answer.</summary>
    public const string ConsentEvidence = "Recording_Consent_Evidence__c";

    /// <summary>Checkbox: never record this customer.</summary>
    public const string DoNotRecord = "Recording_Do_Not_Record__c";

    /// <summary>An ISO 3166 code sales ops verified (US-CA, GB): strong location evidence.</summary>
    public const string VerifiedRegion = "Recording_Verified_Region__c";

    public const string DeviceType = "Recording_Device_Type__c";

    public const string Jurisdictions = "Recording_Jurisdictions__c";

    public const string LocationSource = "Recording_Location_Source__c";

    public const string EvidenceStrength = "Recording_Evidence_Strength__c";

    public const string Rule = "Recording_Rule__c";

    public const string Decision = "Recording_Decision__c";

    public const string KeyReasons = "Recording_Key_Reasons__c";

    public const string RulesVersion = "Recording_Rules_Version__c";

    public const string PhoneE164 = "Recording_Phone_E164__c";

    public const string LastEnriched = "Recording_Last_Enriched__c";
}
