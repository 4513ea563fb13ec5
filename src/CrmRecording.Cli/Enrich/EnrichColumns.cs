namespace CrmRecording.Cli.Enrich;

/// <summary>
/// The columns enrich adds. Their names match the solution's contact columns, so the output can be
/// imported back into the CRM; when the input already has them (a second run) they are overwritten.
/// </summary>
internal static class EnrichColumns
{
    public const string Phone = "crmrec_phone_e164";
    public const string Jurisdictions = "crmrec_jurisdictions";
    public const string Rule = "crmrec_recordingrule";
    public const string Strength = "crmrec_evidencestrength";
    public const string Device = "crmrec_devicetype";
    public const string Decision = "crmrec_recordingdecision";
    public const string Reasons = "crmrec_decisionreasons";
    public const string RulesVersion = "crmrec_rulesversion";
    public const string Error = "crmrec_error";

    public static readonly string[] All = [Phone, Jurisdictions, Rule, Strength, Device, Decision, Reasons, RulesVersion, Error];
}
