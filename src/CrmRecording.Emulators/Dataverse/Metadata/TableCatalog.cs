namespace CrmRecording.Emulators.Dataverse.Metadata;

/// <summary>The tables and relationships the stand-in serves, with the names Dataverse uses for them.</summary>
internal static class TableCatalog
{
    private static readonly TableDefinition[] Tables =
    [
        new("contacts", "contact", "contactid", "fullname", UserOwned: true),
        new("leads", "lead", "leadid", "fullname", UserOwned: true),
        new("opportunities", "opportunity", "opportunityid", "name", UserOwned: true),
        new("phonecalls", "phonecall", "activityid", "subject", UserOwned: true),
        new("tasks", "task", "activityid", "subject", UserOwned: true),
        new("accounts", "account", "accountid", "name", UserOwned: true),
        new("activityparties", "activityparty", "activitypartyid", "partyidname", UserOwned: false),
        new("annotations", "annotation", "annotationid", "subject", UserOwned: true),
        new("crr_consentlogs", "crr_consentlog", "crr_consentlogid", "crr_name", UserOwned: true),
        new("systemusers", "systemuser", "systemuserid", "fullname", UserOwned: false),
        new("teams", "team", "teamid", "name", UserOwned: false),
        new("territories", "territory", "territoryid", "name", UserOwned: false),
        new("roles", "role", "roleid", "name", UserOwned: false),
        new("businessunits", "businessunit", "businessunitid", "name", UserOwned: false),
        new("serviceendpoints", "serviceendpoint", "serviceendpointid", "name", UserOwned: false),
        new("sdkmessages", "sdkmessage", "sdkmessageid", "name", UserOwned: false),
        new("sdkmessagefilters", "sdkmessagefilter", "sdkmessagefilterid", "name", UserOwned: false),
        new("sdkmessageprocessingsteps", "sdkmessageprocessingstep", "sdkmessageprocessingstepid", "name", UserOwned: false),
        new("sdkmessageprocessingstepimages", "sdkmessageprocessingstepimage", "sdkmessageprocessingstepimageid", "name", UserOwned: false),
        new("asyncoperations", "asyncoperation", "asyncoperationid", "name", UserOwned: false),

        // Channel Integration Framework 1.0 providers (the rep's dialer pane), user-owned per the table reference.
        new("msdyn_ciproviders", "msdyn_ciprovider", "msdyn_ciproviderid", "msdyn_name", UserOwned: true),
    ];

    private static readonly Dictionary<string, TableDefinition> BySet =
        Tables.ToDictionary(t => t.EntitySet, StringComparer.Ordinal);

    private static readonly Dictionary<string, TableDefinition> ByLogicalName =
        Tables.ToDictionary(t => t.LogicalName, StringComparer.Ordinal);

    public static readonly CollectionNavigation[] CollectionNavigations =
    [
        new("phonecall_activity_parties", "phonecall", "activityparty", "activityid"),
        new("serviceendpoint_sdkmessageprocessingstep", "serviceendpoint", "sdkmessageprocessingstep", "eventhandler"),
        new("sdkmessageprocessingstepid_sdkmessageprocessingstepimage", "sdkmessageprocessingstep", "sdkmessageprocessingstepimage", "sdkmessageprocessingstepid"),
        new("PhoneCall_Annotation", "phonecall", "annotation", "objectid"),
        new("Contact_Annotation", "contact", "annotation", "objectid"),
        new("Account_Tasks", "account", "task", "regardingobjectid"),
    ];

    public static readonly ManyToManyRelationship[] ManyToMany =
    [
        new("systemuserroles_association", "systemuser", "role"),
        new("teammembership_association", "systemuser", "team"),
        new("teamroles_association", "team", "role"),
    ];

    public static IReadOnlyList<TableDefinition> All => Tables;

    /// <summary>Entity set names are case-sensitive in Dataverse (<c>Account</c> is not <c>accounts</c>).</summary>
    public static TableDefinition? FindBySet(string entitySet) => BySet.GetValueOrDefault(entitySet);

    public static TableDefinition? FindByLogicalName(string logicalName) => ByLogicalName.GetValueOrDefault(logicalName);

    public static TableDefinition GetByLogicalName(string logicalName) =>
        FindByLogicalName(logicalName) ?? throw new ArgumentException($"The stand-in has no table '{logicalName}'.", nameof(logicalName));

    public static CollectionNavigation? FindCollection(string parentTable, string navigation) =>
        Array.Find(CollectionNavigations, n => n.ParentTable == parentTable && n.Name == navigation);

    public static ManyToManyRelationship? FindManyToMany(string table, string navigation) =>
        Array.Find(ManyToMany, r => r.Name == navigation && r.OtherTable(table) is not null);
}
