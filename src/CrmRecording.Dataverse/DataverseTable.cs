namespace CrmRecording.Dataverse;

/// <summary>A Dataverse table by its two names: the logical name (<c>contact</c>) and the Web API entity set (<c>contacts</c>).</summary>
public readonly record struct DataverseTable(string LogicalName, string EntitySetName)
{
    public static DataverseTable Contact { get; } = new("contact", "contacts");

    public static DataverseTable Lead { get; } = new("lead", "leads");

    public static DataverseTable Opportunity { get; } = new("opportunity", "opportunities");

    public static DataverseTable PhoneCall { get; } = new("phonecall", "phonecalls");

    public static DataverseTable Annotation { get; } = new("annotation", "annotations");

    public static DataverseTable ConsentLog { get; } = new("crr_consentlog", "crr_consentlogs");

    public static DataverseTable SystemUser { get; } = new("systemuser", "systemusers");

    public static DataverseTable Team { get; } = new("team", "teams");

    public static DataverseTable Territory { get; } = new("territory", "territories");

    public override string ToString() => LogicalName;
}
