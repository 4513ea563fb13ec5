namespace CrmRecording.Emulators.Salesforce.Org;

/// <summary>
/// The objects and fields of the stand-in's org: the standard ones the product reads, and the package's custom
/// fields and objects (solution-package/salesforce). Field names compare as Salesforce compares them: without case.
/// </summary>
internal static class OrgSchema
{
    private static readonly string[] ConsentFields =
    [
        "Recording_Consent_Status__c", "Recording_Consent_Date__c", "Recording_Consent_Method__c", "Recording_Consent_Evidence__c",
        "Recording_Do_Not_Record__c", "Recording_Verified_Region__c", "Recording_Device_Type__c", "Recording_Jurisdictions__c",
        "Recording_Location_Source__c", "Recording_Evidence_Strength__c", "Recording_Rule__c", "Recording_Decision__c",
        "Recording_Key_Reasons__c", "Recording_Rules_Version__c", "Recording_Phone_E164__c", "Recording_Last_Enriched__c",
    ];

    private static readonly string[] Audit = ["Id", "CreatedDate", "LastModifiedDate", "SystemModstamp", "CreatedById", "LastModifiedById"];

    public static IReadOnlyDictionary<string, ObjectSchema> Objects { get; } = new[]
    {
        Define("Account", "001", ["Name", "OwnerId"]),
        Define("Contact", "003", ["FirstName", "LastName", "Name", "AccountId", "Phone", "MobilePhone", "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry", "MailingStateCode", "MailingCountryCode", "OwnerId", .. ConsentFields]),
        Define("Lead", "00Q", ["FirstName", "LastName", "Name", "Company", "Phone", "MobilePhone", "City", "State", "Country", "StateCode", "CountryCode", "OwnerId", "Status", .. ConsentFields]),
        Define("Opportunity", "006", ["Name", "AccountId", "StageName", "CloseDate", "OwnerId"]),
        Define("OpportunityContactRole", "00K", ["OpportunityId", "ContactId", "Role", "IsPrimary"], writable: false),
        Define("User", "005", ["Name", "FirstName", "LastName", "Username", "Email", "IsActive", "ManagerId", "UserRoleId", "State", "Country", "StateCode", "CountryCode"], writable: false,
            lookups: new() { ["UserRole"] = ("UserRoleId", "UserRole"), ["Manager"] = ("ManagerId", "User") }),
        Define("UserRole", "00E", ["Name", "DeveloperName", "ParentRoleId"], writable: false),
        Define("PermissionSet", "0PS", ["Name", "Label", "IsOwnedByProfile"], writable: false),
        Define("PermissionSetAssignment", "0Pa", ["AssigneeId", "PermissionSetId"], writable: false),
        Define("CustomPermission", "0CP", ["DeveloperName", "MasterLabel", "NamespacePrefix"], writable: false),
        Define("SetupEntityAccess", "0J0", ["ParentId", "SetupEntityId", "SetupEntityType"], writable: false),
        Define("Task", "00T", ["Subject", "Status", "Priority", "TaskSubtype", "CallType", "CallDurationInSeconds", "CallObject", "CallDisposition", "WhoId", "WhatId", "OwnerId", "ActivityDate", "Description"]),
        Define("Call_Recording__c", "a01", ["Name", "Call_Id__c", "Task_Id__c", "Contact__c", "Lead__c", "Opportunity__c", "Rep__c", "Recording_Url__c", "Recorded_Seconds__c", "Decision__c", "Reasons__c", "Jurisdictions__c", "Consent_Summary__c", "Paused_Spans__c", "Rules_Version__c"], externalIds: ["Call_Id__c"]),
        Define("Consent_Log__c", "a02", ["Name", "Log_Key__c", "Call_Id__c", "Event__c", "Answer__c", "Method__c", "Jurisdictions__c", "Disclosure_Version__c", "At__c", "Contact__c", "Lead__c"], externalIds: ["Log_Key__c"]),
    }.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);

    public static ObjectSchema? Find(string name) => Objects.GetValueOrDefault(name);

    public static ObjectSchema? ByPrefix(string id) => Objects.Values.FirstOrDefault(o => id.StartsWith(o.KeyPrefix, StringComparison.Ordinal));

    private static ObjectSchema Define(string name, string prefix, string[] fields, bool writable = true, string[]? externalIds = null, Dictionary<string, (string, string)>? lookups = null) => new(
        name,
        prefix,
        new HashSet<string>([.. Audit, .. fields], StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(externalIds ?? [], StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, (string, string)>(lookups ?? [], StringComparer.OrdinalIgnoreCase),
        writable);
}
