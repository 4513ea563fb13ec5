namespace CrmRecording.Dataverse.Users;

/// <summary>The system user columns read.</summary>
internal static class UserColumns
{
    public const string Id = "systemuserid";
    public const string FullName = "fullname";
    public const string Manager = "_parentsystemuserid_value";
    public const string StateOrProvince = "address1_stateorprovince";
    public const string Country = "address1_country";
    public const string EntraObjectId = "azureactivedirectoryobjectid";
    public const string Territory = "_territoryid_value";

    public static readonly string Select = string.Join(',', [Id, FullName, Manager, StateOrProvince, Country, Territory]);
}
