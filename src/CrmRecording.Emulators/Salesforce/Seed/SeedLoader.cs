using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Org;
using static CrmRecording.Emulators.Salesforce.Seed.SalesforceSeed;

namespace CrmRecording.Emulators.Salesforce.Seed;

/// <summary>Writes <see cref="SalesforceSeed"/> into an <see cref="OrgStore"/>.</summary>
internal static class SeedLoader
{
    public static void Load(OrgStore store)
    {
        Role(store, Roles.VpSales, "VP Sales", null);
        Role(store, Roles.SalesManager, "Sales Manager", Roles.VpSales);
        Role(store, Roles.SalesRep, "Sales Rep", Roles.SalesManager);
        Role(store, Roles.Compliance, "Compliance", null);
        Role(store, Roles.CustomerSupport, "Customer Support", null);

        User(store, Users.Integration, "Integration User", Usernames.Integration, null, null, null, null);
        User(store, Users.SalesDirector, "Dana Whitfield", Usernames.SalesDirector, null, Roles.VpSales, "NY", "US");
        User(store, Users.SalesManager, "Morgan Blake", Usernames.SalesManager, Users.SalesDirector, Roles.SalesManager, "CA", "US");
        User(store, Users.SalesRep, "Riley Chen", Usernames.SalesRep, Users.SalesManager, Roles.SalesRep, "TX", "US");
        User(store, Users.ComplianceReviewer, "Sam Okafor", Usernames.ComplianceReviewer, null, Roles.Compliance, "ON", "CA");
        User(store, Users.Outsider, "Taylor Brooks", Usernames.Outsider, null, Roles.CustomerSupport, "WA", "US");

        Permission(store, CustomPermissions.Reviewer, CustomPermissions.ReviewerName, "Recording Reviewer");
        Permission(store, CustomPermissions.Administrator, CustomPermissions.AdministratorName, "Recording Administrator");
        Permission(store, CustomPermissions.Dialer, CustomPermissions.DialerName, "Recording Dialer");
        PermissionSet(store, PermissionSets.RecordingReviewer, "Recording_Reviewer", "Recording Reviewer", false, CustomPermissions.Reviewer, 1);
        PermissionSet(store, PermissionSets.RecordingAdministrator, "Recording_Administrator", "Recording Administrator", false, CustomPermissions.Administrator, 2);
        PermissionSet(store, PermissionSets.RecordingDialerUser, "Recording_Dialer_User", "Recording Dialer User", false, CustomPermissions.Dialer, 3);
        PermissionSet(store, PermissionSets.StandardUserProfile, "X00eSd000000001", "Standard User", true, null, 0);
        var assignment = 0;
        foreach (var user in new[] { Users.SalesDirector, Users.SalesManager, Users.SalesRep, Users.ComplianceReviewer, Users.Outsider })
        {
            Assign(store, ++assignment, user, PermissionSets.StandardUserProfile);
        }

        Assign(store, ++assignment, Users.ComplianceReviewer, PermissionSets.RecordingReviewer);
        Assign(store, ++assignment, Users.SalesManager, PermissionSets.RecordingAdministrator);
        Assign(store, ++assignment, Users.SalesRep, PermissionSets.RecordingDialerUser);

        store.Seed("Account", Accounts.Contoso, new JsonObject { ["Name"] = "Contoso Logistics", ["OwnerId"] = Users.SalesRep });
        Contact(store, Contacts.CaliforniaMobile, "Ana", "Reyes", null, "+1 415 555 0101", "San Francisco", "California", "CA", "United States", "US");
        Contact(store, Contacts.TexasLandline, "Ben", "Carter", "+1 214 555 0102", null, "Dallas", "Texas", "TX", "United States", "US");
        Contact(store, Contacts.Ontario, "Chloé", "Tremblay", "+1 416 555 0103", null, "Toronto", "Ontario", "ON", "Canada", "CA");
        Contact(store, Contacts.London, "Daniel", "Hughes", "+44 20 7946 0104", null, "London", null, null, "United Kingdom", "GB");
        Contact(store, Contacts.TollFree, "Erin", "Walsh", "+1 800 555 0105", null, null, null, null, null, null);
        var declined = Contact(store, Contacts.DeclinedConsent, "Farah", "Haddad", "+1 312 555 0106", null, "Chicago", "Illinois", "IL", "United States", "US");
        declined["Recording_Consent_Status__c"] = "declined";
        declined["Recording_Consent_Date__c"] = "2024-11-04";
        declined["Recording_Consent_Method__c"] = "verbal";
        store.Seed("Contact", Contacts.DeclinedConsent, declined);
        var doNotRecord = Contact(store, Contacts.DoNotRecord, "Gabriel", "Santos", "+1 305 555 0107", null, "Miami", "Florida", "FL", "United States", "US");
        doNotRecord["Recording_Do_Not_Record__c"] = true;
        store.Seed("Contact", Contacts.DoNotRecord, doNotRecord);

        store.Seed("Lead", Leads.SeattleProspect, new JsonObject
        {
            ["FirstName"] = "Jordan", ["LastName"] = "Park", ["Name"] = "Jordan Park", ["Company"] = "Northwind Traders", ["MobilePhone"] = "+1 206 555 0110",
            ["City"] = "Seattle", ["State"] = "Washington", ["StateCode"] = "WA", ["Country"] = "United States", ["CountryCode"] = "US",
            ["OwnerId"] = Users.SalesRep, ["Status"] = "Open - Not Contacted", ["Recording_Do_Not_Record__c"] = false,
        });

        Opportunity(store, Opportunities.FleetRenewal, "Fleet telematics renewal");
        Opportunity(store, Opportunities.NoPrimaryContact, "Warehouse sensors pilot");
        ContactRole(store, 1, Opportunities.FleetRenewal, Contacts.TexasLandline, "Technical Buyer", false);
        ContactRole(store, 2, Opportunities.FleetRenewal, Contacts.CaliforniaMobile, "Decision Maker", true);
        ContactRole(store, 3, Opportunities.NoPrimaryContact, Contacts.Ontario, "Evaluator", false);
    }

    private static void Role(OrgStore store, string id, string name, string? parent) =>
        store.Seed("UserRole", id, new JsonObject { ["Name"] = name, ["DeveloperName"] = name.Replace(' ', '_'), ["ParentRoleId"] = parent });

    private static void User(OrgStore store, string id, string name, string username, string? manager, string? role, string? state, string? country) =>
        store.Seed("User", id, new JsonObject
        {
            ["Name"] = name, ["FirstName"] = name.Split(' ')[0], ["LastName"] = name.Split(' ')[^1], ["Username"] = username, ["Email"] = username,
            ["IsActive"] = true, ["ManagerId"] = manager, ["UserRoleId"] = role, ["StateCode"] = state, ["CountryCode"] = country,
        });

    private static void Permission(OrgStore store, string id, string developerName, string label) =>
        store.Seed("CustomPermission", id, new JsonObject { ["DeveloperName"] = developerName, ["MasterLabel"] = label, ["NamespacePrefix"] = null });

    private static void PermissionSet(OrgStore store, string id, string name, string label, bool profile, string? grants, int n)
    {
        store.Seed("PermissionSet", id, new JsonObject { ["Name"] = name, ["Label"] = label, ["IsOwnedByProfile"] = profile });
        if (grants is not null)
        {
            store.Seed("SetupEntityAccess", RecordIds.Make("0J0", n), new JsonObject { ["ParentId"] = id, ["SetupEntityId"] = grants, ["SetupEntityType"] = "CustomPermission" });
        }
    }

    private static void Assign(OrgStore store, int n, string user, string permissionSet) =>
        store.Seed("PermissionSetAssignment", RecordIds.Make("0Pa", n), new JsonObject { ["AssigneeId"] = user, ["PermissionSetId"] = permissionSet });

    private static JsonObject Contact(OrgStore store, string id, string first, string last, string? phone, string? mobile, string? city, string? state, string? stateCode, string? country, string? countryCode)
    {
        var contact = new JsonObject
        {
            ["FirstName"] = first, ["LastName"] = last, ["Name"] = $"{first} {last}", ["AccountId"] = Accounts.Contoso, ["Phone"] = phone, ["MobilePhone"] = mobile,
            ["MailingCity"] = city, ["MailingState"] = state, ["MailingStateCode"] = stateCode, ["MailingCountry"] = country, ["MailingCountryCode"] = countryCode,
            ["OwnerId"] = Users.SalesRep, ["Recording_Consent_Status__c"] = "unknown", ["Recording_Do_Not_Record__c"] = false,
        };
        store.Seed("Contact", id, contact);
        return contact;
    }

    private static void Opportunity(OrgStore store, string id, string name) =>
        store.Seed("Opportunity", id, new JsonObject { ["Name"] = name, ["AccountId"] = Accounts.Contoso, ["StageName"] = "Negotiation/Review", ["CloseDate"] = "2026-12-31", ["OwnerId"] = Users.SalesRep });

    private static void ContactRole(OrgStore store, int n, string opportunity, string contact, string role, bool primary) =>
        store.Seed("OpportunityContactRole", RecordIds.Make("00K", n), new JsonObject { ["OpportunityId"] = opportunity, ["ContactId"] = contact, ["Role"] = role, ["IsPrimary"] = primary });
}
