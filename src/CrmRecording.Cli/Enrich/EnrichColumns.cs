namespace CrmRecording.Cli.Enrich;

/// <summary>
/// The columns enrich adds. Their names match the solution's contact columns, so the output can be
/// imported back into the CRM; when the input already has them (a second run) they are overwritten.
/// </summary>
internal static class EnrichColumns
{
    public const string Phone = "crr_phone_e164";
    public const string Jurisdictions = "crr_jurisdictions";
    public const string Rule = "crr_recordingrule";
    public const string Strength = "crr_evidencestrength";
    public const string Device = "crr_devicetype";
    public const string Decision = "crr_recordingdecision";
    public const string Reasons = "crr_decisionreasons";
    public const string RulesVersion = "crr_rulesversion";
    public const string Error = "crr_error";

    public static readonly string[] All = [Phone, Jurisdictions, Rule, Strength, Device, Decision, Reasons, RulesVersion, Error];
}
