namespace CrmRecording.Dataverse;

/// <summary>One row of one table, as used in <c>@odata.bind</c> values (<c>/contacts(guid)</c>).</summary>
public readonly record struct RowReference(DataverseTable Table, Guid Id)
{
    public static RowReference Contact(Guid id) => new(DataverseTable.Contact, id);

    public static RowReference Lead(Guid id) => new(DataverseTable.Lead, id);

    public static RowReference Opportunity(Guid id) => new(DataverseTable.Opportunity, id);

    public static RowReference PhoneCall(Guid id) => new(DataverseTable.PhoneCall, id);

    public static RowReference SystemUser(Guid id) => new(DataverseTable.SystemUser, id);

    /// <summary>The entity path relative to the service root, the form <c>@odata.bind</c> takes: <c>/contacts(guid)</c>.</summary>
    public string BindPath => $"/{Table.EntitySetName}({Id:D})";

    public override string ToString() => $"{Table.LogicalName}({Id:D})";
}
