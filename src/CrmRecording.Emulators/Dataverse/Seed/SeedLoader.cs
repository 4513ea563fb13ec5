using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Seed;

/// <summary>Writes <see cref="SeedData"/> into a store.</summary>
internal static class SeedLoader
{
    public static void Load(RowStore store)
    {
        var on = RowColumns.Timestamp(SeedData.SeededOn);
        Put(store, "businessunit", SeedData.BusinessUnitId, new JsonObject { ["name"] = "CrmRecording" }, on, owner: null);
        LoadTerritories(store, on);
        LoadUsers(store, on);
        LoadSecurity(store, on);
        LoadCustomers(store, on);
        LoadMessages(store, on);
    }

    private static void LoadUsers(RowStore store, string on)
    {
        User(store, on, SeedData.Users.Application, ("# CrmRecording", "Media Service"), "crmrecording-service@contoso.example", SeedData.EntraObjectIds.Application, manager: null, region: null);
        User(store, on, SeedData.Users.SalesDirector, ("Dana", "Whitfield"), "dana.whitfield@contoso.example", SeedData.EntraObjectIds.SalesDirector, manager: null, ("NY", "United States"));
        User(store, on, SeedData.Users.SalesManager, ("Morgan", "Blake"), "morgan.blake@contoso.example", SeedData.EntraObjectIds.SalesManager, SeedData.Users.SalesDirector, ("CA", "United States"), SeedData.Territories.PacificNorthwest);
        User(store, on, SeedData.Users.SalesRep, ("Riley", "Chen"), "riley.chen@contoso.example", SeedData.EntraObjectIds.SalesRep, SeedData.Users.SalesManager, ("TX", "United States"));
        User(store, on, SeedData.Users.ComplianceReviewer, ("Sam", "Okafor"), "sam.okafor@contoso.example", SeedData.EntraObjectIds.ComplianceReviewer, SeedData.Users.SalesDirector, ("ON", "Canada"));
    }

    private static void LoadTerritories(RowStore store, string on)
    {
        Put(store, "territory", SeedData.Territories.PacificNorthwest, new JsonObject { ["name"] = "Pacific Northwest", ["crr_jurisdiction"] = "US-WA" }, on, owner: null);
        Put(store, "territory", SeedData.Territories.InsideSales, new JsonObject { ["name"] = "Inside Sales", ["crr_jurisdiction"] = null }, on, owner: null);
    }

    private static void LoadSecurity(RowStore store, string on)
    {
        Role(store, on, SeedData.Roles.Salesperson, "Salesperson");
        Role(store, on, SeedData.Roles.RecordingReviewer, "Recording Reviewer");
        Role(store, on, SeedData.Roles.RecordingAdministrator, "Recording Administrator");
        Role(store, on, SeedData.Roles.SystemAdministrator, "System Administrator");
        Role(store, on, SeedData.Roles.RecordingDialerUser, "Recording Dialer User");
        Team(store, on, SeedData.Teams.ComplianceReviewers, "Compliance Reviewers");
        Team(store, on, SeedData.Teams.SalesWest, "Sales West");

        var userRoles = Relationship("systemuserroles_association");
        store.Associate(userRoles, "systemuser", SeedData.Users.Application, SeedData.Roles.SystemAdministrator);
        store.Associate(userRoles, "systemuser", SeedData.Users.SalesDirector, SeedData.Roles.Salesperson);
        store.Associate(userRoles, "systemuser", SeedData.Users.SalesManager, SeedData.Roles.Salesperson);
        store.Associate(userRoles, "systemuser", SeedData.Users.SalesManager, SeedData.Roles.RecordingAdministrator);
        store.Associate(userRoles, "systemuser", SeedData.Users.SalesRep, SeedData.Roles.Salesperson);
        store.Associate(userRoles, "systemuser", SeedData.Users.ComplianceReviewer, SeedData.Roles.RecordingReviewer);

        var membership = Relationship("teammembership_association");
        store.Associate(membership, "systemuser", SeedData.Users.SalesRep, SeedData.Teams.ComplianceReviewers);
        store.Associate(membership, "systemuser", SeedData.Users.SalesRep, SeedData.Teams.SalesWest);
        store.Associate(membership, "systemuser", SeedData.Users.SalesManager, SeedData.Teams.SalesWest);

        var teamRoles = Relationship("teamroles_association");
        store.Associate(teamRoles, "team", SeedData.Teams.ComplianceReviewers, SeedData.Roles.RecordingReviewer);
        store.Associate(teamRoles, "team", SeedData.Teams.SalesWest, SeedData.Roles.Salesperson);
    }

    private static void LoadCustomers(RowStore store, string on)
    {
        Contact(store, on, SeedData.Contacts.CaliforniaMobile, "Ana", "Reyes", new JsonObject
        {
            ["mobilephone"] = "+14155550101",
            ["address1_city"] = "San Francisco",
            ["address1_stateorprovince"] = "CA",
            ["address1_country"] = "United States",
        });
        Contact(store, on, SeedData.Contacts.TexasLandline, "Ben", "Carter", new JsonObject
        {
            ["telephone1"] = "+12145550102",
            ["address1_city"] = "Dallas",
            ["address1_stateorprovince"] = "TX",
            ["address1_country"] = "United States",
        });
        Contact(store, on, SeedData.Contacts.Ontario, "Chloé", "Tremblay", new JsonObject
        {
            ["telephone1"] = "+14165550103",
            ["address1_city"] = "Toronto",
            ["address1_stateorprovince"] = "ON",
            ["address1_country"] = "Canada",
        });
        Contact(store, on, SeedData.Contacts.London, "Daniel", "Hughes", new JsonObject
        {
            ["telephone1"] = "+442079460104",
            ["address1_city"] = "London",
            ["address1_country"] = "United Kingdom",
        });
        Contact(store, on, SeedData.Contacts.TollFree, "Erin", "Walsh", new JsonObject
        {
            ["telephone1"] = "+18005550105",
        });
        Contact(store, on, SeedData.Contacts.DeclinedConsent, "Farah", "Haddad", new JsonObject
        {
            ["mobilephone"] = "+13125550106",
            ["address1_city"] = "Chicago",
            ["address1_stateorprovince"] = "IL",
            ["address1_country"] = "United States",
            ["crr_consentstatus"] = "declined",
            ["crr_consentdate"] = "2025-01-15",
            ["crr_consentmethod"] = "verbal",
        });
        Contact(store, on, SeedData.Contacts.DoNotRecord, "Gabriel", "Santos", new JsonObject
        {
            ["telephone1"] = "+13055550107",
            ["address1_city"] = "Miami",
            ["address1_stateorprovince"] = "FL",
            ["address1_country"] = "United States",
            ["crr_donotrecord"] = true,
        });

        var lead = Person("Jordan", "Park");
        lead["companyname"] = "Northwind Traders";
        lead["subject"] = "Telematics for 40 vans";
        lead["mobilephone"] = "+12065550110";
        lead["address1_city"] = "Seattle";
        lead["address1_stateorprovince"] = "WA";
        lead["address1_country"] = "United States";
        Put(store, "lead", SeedData.Leads.SeattleProspect, lead, on, SeedData.Users.SalesRep);

        var opportunity = new JsonObject { ["name"] = "Fleet telematics renewal", ["estimatedvalue"] = 48000m };
        RowColumns.SetLookup(opportunity, "customerid", SeedData.Contacts.CaliforniaMobile, "contact", "customerid_contact");
        RowColumns.SetLookup(opportunity, "parentcontactid", SeedData.Contacts.CaliforniaMobile, "contact", "parentcontactid");
        Put(store, "opportunity", SeedData.Opportunities.FleetRenewal, opportunity, on, SeedData.Users.SalesRep);
    }

    private static void LoadMessages(RowStore store, string on)
    {
        foreach (var (message, id) in new[] { ("Create", SeedData.Messages.Create), ("Update", SeedData.Messages.Update), ("Delete", SeedData.Messages.Delete) })
        {
            Put(store, "sdkmessage", id, new JsonObject { ["name"] = message }, on, owner: null);
            foreach (var table in SeedData.FilteredTables)
            {
                var filter = new JsonObject
                {
                    ["name"] = $"{message} of {table}",
                    ["primaryobjecttypecode"] = table,
                    ["secondaryobjecttypecode"] = "none",
                    ["iscustomprocessingstepallowed"] = true,
                };
                RowColumns.SetLookup(filter, "sdkmessageid", id, "sdkmessage", "sdkmessageid");
                Put(store, "sdkmessagefilter", SeedData.MessageFilterId(message, table), filter, on, owner: null);
            }
        }
    }

    private static void User(RowStore store, string on, Guid id, (string First, string Last) name, string email, Guid entraObjectId, Guid? manager, (string State, string Country)? region, Guid? territory = null)
    {
        var user = Person(name.First, name.Last);
        user["address1_stateorprovince"] = region?.State;
        user["address1_country"] = region?.Country;
        user["internalemailaddress"] = email;
        user["domainname"] = email;
        user["azureactivedirectoryobjectid"] = entraObjectId.ToString("D");
        user["isdisabled"] = false;
        RowColumns.SetLookup(user, "businessunitid", SeedData.BusinessUnitId, "businessunit", "businessunitid");
        if (manager is { } parent)
        {
            RowColumns.SetLookup(user, "parentsystemuserid", parent, "systemuser", "parentsystemuserid");
        }
        else
        {
            user["_parentsystemuserid_value"] = null;
        }

        if (territory is { } territoryId)
        {
            RowColumns.SetLookup(user, "territoryid", territoryId, "territory", "territoryid");
        }
        else
        {
            user["_territoryid_value"] = null;
        }

        Put(store, "systemuser", id, user, on, owner: null);
    }

    private static void Role(RowStore store, string on, Guid id, string name)
    {
        var role = new JsonObject { ["name"] = name };
        RowColumns.SetLookup(role, "businessunitid", SeedData.BusinessUnitId, "businessunit", "businessunitid");
        Put(store, "role", id, role, on, owner: null);
    }

    private static void Team(RowStore store, string on, Guid id, string name)
    {
        var team = new JsonObject { ["name"] = name, ["teamtype"] = 0 };
        RowColumns.SetLookup(team, "businessunitid", SeedData.BusinessUnitId, "businessunit", "businessunitid");
        Put(store, "team", id, team, on, owner: null);
    }

    private static void Contact(RowStore store, string on, Guid id, string first, string last, JsonObject columns)
    {
        var contact = Person(first, last);
        contact["crr_donotrecord"] = false;
        foreach (var (name, value) in columns)
        {
            contact[name] = value?.DeepClone();
        }

        Put(store, "contact", id, contact, on, SeedData.Users.SalesRep);
    }

    private static JsonObject Person(string first, string last) =>
        new() { ["firstname"] = first, ["lastname"] = last, ["fullname"] = $"{first} {last}" };

    private static void Put(RowStore store, string table, Guid id, JsonObject row, string on, Guid? owner)
    {
        var definition = TableCatalog.GetByLogicalName(table);
        row[definition.PrimaryId] = id.ToString("D");
        row["createdon"] = on;
        row["modifiedon"] = on;
        if (definition.UserOwned && owner is { } ownerId)
        {
            RowColumns.SetLookup(row, "ownerid", ownerId, "systemuser", "ownerid");
            row["statecode"] = 0;
            row["statuscode"] = 1;
        }

        store.Put(table, id, row);
    }

    private static ManyToManyRelationship Relationship(string name) =>
        Array.Find(TableCatalog.ManyToMany, r => r.Name == name)!;
}
