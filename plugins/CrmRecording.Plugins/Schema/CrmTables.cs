namespace CrmRecording.Plugins.Schema;

/// <summary>The Dataverse tables the steps and the service read and write, by logical name.</summary>
public static class CrmTables
{
    public const string Contact = "contact";
    public const string Lead = "lead";
    public const string Opportunity = "opportunity";
    public const string PhoneCall = "phonecall";
    public const string ConsentLog = "crr_consentlog";

    /// <summary>A table whose rows are people a rep calls and who give or refuse consent.</summary>
    public static bool IsCustomer(string? table) => table is Contact or Lead;
}
