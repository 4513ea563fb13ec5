namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// The standard objects and fields the package may name. Offline, a standard field cannot be looked up in an org,
/// so a name outside this list is reported rather than discovered at deploy time; add a field here when the
/// package starts to use it.
/// </summary>
internal static class StandardSchema
{
    private static readonly string[] Audit = ["Id", "Name", "OwnerId", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp", "IsDeleted"];

    private static readonly Dictionary<string, HashSet<string>> Objects = new(StringComparer.Ordinal)
    {
        ["Account"] = Fields("Phone", "BillingState", "BillingCountry"),
        ["Contact"] = Fields("FirstName", "LastName", "AccountId", "Email", "Phone", "MobilePhone", "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry", "MailingStateCode", "MailingCountryCode"),
        ["Lead"] = Fields("FirstName", "LastName", "Company", "Status", "IsConverted", "Email", "Phone", "MobilePhone", "Street", "City", "State", "PostalCode", "Country", "StateCode", "CountryCode"),
        ["Opportunity"] = Fields("AccountId", "StageName", "CloseDate", "Amount"),
        ["Task"] = Fields("Subject", "Status", "Priority", "TaskSubtype", "CallType", "CallDurationInSeconds", "CallObject", "CallDisposition", "WhoId", "WhatId", "ActivityDate", "Description"),
        ["User"] = Fields("Username", "Email", "IsActive", "ManagerId", "UserRoleId", "State", "Country", "StateCode", "CountryCode"),
    };

    public static bool IsObject(string name) => Objects.ContainsKey(name);

    /// <summary>A standard field of a standard object, or one every custom object has (Id, Name, OwnerId, audit fields).</summary>
    public static bool HasField(string obj, string field) =>
        Objects.TryGetValue(obj, out var fields) ? fields.Contains(field) : Audit.Contains(field, StringComparer.Ordinal);

    private static HashSet<string> Fields(params string[] names) => new([.. Audit, .. names], StringComparer.Ordinal);
}
