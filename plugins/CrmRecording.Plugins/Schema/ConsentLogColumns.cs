namespace CrmRecording.Plugins.Schema;

/// <summary>The solution's <c>crr_consentlog</c> table: one row per consent event of a call.</summary>
public static class ConsentLogColumns
{
    public const string EntitySet = "crr_consentlogs";
    public const string Id = "crr_consentlogid";
    public const string PhoneCall = "crr_phonecallid";
    public const string Event = "crr_event";
    public const string Answer = "crr_answer";
    public const string Method = "crr_method";
    public const string At = "crr_at";
    public const string Jurisdictions = "crr_jurisdictions";
    public const string DisclosureVersion = "crr_disclosureversion";
    public const string CallId = "crr_callid";

    /// <summary>The contact or lead who answered (a customer lookup).</summary>
    public const string Customer = "crr_customerid";
}
