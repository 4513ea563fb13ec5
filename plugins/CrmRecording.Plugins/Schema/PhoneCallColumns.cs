namespace CrmRecording.Plugins.Schema;

/// <summary>The <c>phonecall</c> columns the steps read (standard activity columns and the solution's crr_ one).</summary>
public static class PhoneCallColumns
{
    public const string RecordingRequested = "crr_recordingrequested";
    public const string PhoneNumber = "phonenumber";
    public const string Regarding = "regardingobjectid";

    /// <summary>The recipients: activity parties, each naming its row in <see cref="PartyId"/>.</summary>
    public const string To = "to";

    /// <summary>The row an activity party stands for (a contact, lead or user).</summary>
    public const string PartyId = "partyid";
}
