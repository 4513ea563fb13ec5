namespace CrmRecording.Plugins.Schema;

/// <summary>The contact and lead columns the steps read and write (standard Dataverse columns and the solution's crr_ ones).</summary>
public static class ContactColumns
{
    public const string BusinessPhone = "telephone1";
    public const string MobilePhone = "mobilephone";
    public const string StateOrProvince = "address1_stateorprovince";
    public const string Country = "address1_country";
    public const string VerifiedRegion = "crr_verifiedregion";
    public const string DeviceType = "crr_devicetype";
    public const string ConsentStatus = "crr_consentstatus";
    public const string ConsentDate = "crr_consentdate";
    public const string ConsentMethod = "crr_consentmethod";
    public const string ConsentEvidence = "crr_consentevidenceref";
    public const string DoNotRecord = "crr_donotrecord";
    public const string Jurisdictions = "crr_jurisdictions";
    public const string LocationSource = "crr_locationsource";
    public const string EvidenceStrength = "crr_evidencestrength";
    public const string RecordingRule = "crr_recordingrule";
    public const string RecordingDecision = "crr_recordingdecision";
    public const string DecisionReasons = "crr_decisionreasons";
    public const string RulesVersion = "crr_rulesversion";
    public const string LastEnriched = "crr_lastenriched";

    /// <summary>Changes to these re-run enrichment.</summary>
    public static readonly string[] Inputs = [BusinessPhone, MobilePhone, StateOrProvince, Country, VerifiedRegion, ConsentStatus, ConsentDate, DoNotRecord];

    /// <summary>What enrichment writes; an update touching only these (plus system columns) is our own write-back.</summary>
    public static readonly string[] Outputs = [Jurisdictions, LocationSource, EvidenceStrength, DeviceType, RecordingRule, RecordingDecision, DecisionReasons, RulesVersion, LastEnriched];
}
