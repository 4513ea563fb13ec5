using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Salesforce;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>The production client's reads against the seeded org: the same facts the Dataverse seed holds.</summary>
public sealed class SalesforceReadTests
{
    [Fact]
    public async Task GetContact_California_HasCodesMobileAndUnknownConsent()
    {
        await using var s = await SalesforceSession.StartAsync();

        var ana = await s.Client.GetContactAsync(Id(SalesforceSeed.Contacts.CaliforniaMobile));

        Assert.Equal(("Ana Reyes", "CA", "US", "+1 415 555 0101", "unknown", false), (ana!.Name, ana.Region, ana.CountryOrCode, ana.MobilePhone, ana.ConsentStatus, ana.DoNotRecord));
        Assert.Equal(Id(SalesforceSeed.Users.SalesRep), ana.OwnerId);
    }

    [Fact]
    public async Task GetContact_DeclinedAndDoNotRecord_CarryTheirConsentFields()
    {
        await using var s = await SalesforceSession.StartAsync();

        var declined = await s.Client.GetContactAsync(Id(SalesforceSeed.Contacts.DeclinedConsent));
        var dnr = await s.Client.GetContactAsync(Id(SalesforceSeed.Contacts.DoNotRecord));

        Assert.Equal(("declined", new DateOnly(2024, 11, 4), "verbal"), (declined!.ConsentStatus, declined.ConsentDate, declined.ConsentMethod));
        Assert.True(dnr!.DoNotRecord);
    }

    [Fact]
    public async Task GetContact_FifteenCharacterId_FindsTheSameRecord()
    {
        await using var s = await SalesforceSession.StartAsync();

        var byShortId = await s.Client.GetContactAsync(SalesforceId.Parse(SalesforceSeed.Contacts.London[..15]));

        Assert.Equal(("United Kingdom", "GB", null), (byShortId!.Country, byShortId.CountryOrCode, byShortId.Region));
    }

    [Fact]
    public async Task GetLead_Seattle_ReadsTheLeadAddressFields()
    {
        await using var s = await SalesforceSession.StartAsync();

        var lead = await s.Client.GetLeadAsync(Id(SalesforceSeed.Leads.SeattleProspect));

        Assert.Equal(("Lead", "WA", "US", "+1 206 555 0110"), (lead!.ObjectType, lead.Region, lead.CountryOrCode, lead.MobilePhone));
    }

    [Fact]
    public async Task GetContact_NoSuchRecord_IsNull()
    {
        await using var s = await SalesforceSession.StartAsync();

        Assert.Null(await s.Client.GetContactAsync(SalesforceId.Parse("003Sd0000000099")));
    }

    [Fact]
    public async Task GetOpportunity_PrimaryRoleNotTheFirstRole_IsAna()
    {
        await using var s = await SalesforceSession.StartAsync();

        var fleet = await s.Client.GetOpportunityAsync(Id(SalesforceSeed.Opportunities.FleetRenewal));
        var pilot = await s.Client.GetOpportunityAsync(Id(SalesforceSeed.Opportunities.NoPrimaryContact));

        Assert.Equal(Id(SalesforceSeed.Contacts.CaliforniaMobile), fleet!.PrimaryContactId);
        Assert.Null(pilot!.PrimaryContactId);
    }

    [Fact]
    public async Task GetUser_Rep_HasManagerRoleAndParentRole()
    {
        await using var s = await SalesforceSession.StartAsync();

        var rep = await s.Client.GetUserAsync(Id(SalesforceSeed.Users.SalesRep));

        Assert.Equal(("Riley Chen", "TX", "US"), (rep!.Name, rep.Region, rep.CountryOrCode));
        Assert.Equal(Id(SalesforceSeed.Users.SalesManager), rep.ManagerId);
        Assert.Equal(Id(SalesforceSeed.Roles.SalesRep), rep.UserRoleId);
        Assert.Equal(Id(SalesforceSeed.Roles.SalesManager), rep.ParentRoleId);
    }

    [Fact]
    public async Task GetRoleHierarchy_DirectorIsAboveTheRep_ReviewerAndOutsiderAreNot()
    {
        await using var s = await SalesforceSession.StartAsync();

        var tree = await s.Client.GetRoleHierarchyAsync();

        var rep = Id(SalesforceSeed.Roles.SalesRep);
        Assert.True(tree.IsAbove(Id(SalesforceSeed.Roles.VpSales), rep));
        Assert.True(tree.IsAbove(Id(SalesforceSeed.Roles.SalesManager), rep));
        Assert.False(tree.IsAbove(Id(SalesforceSeed.Roles.Compliance), rep));
        Assert.False(tree.IsAbove(Id(SalesforceSeed.Roles.CustomerSupport), rep));
    }

    [Theory]
    [InlineData("reviewer", "Recording_Reviewer")]
    [InlineData("manager", "Recording_Administrator")]
    [InlineData("rep", "Recording_Dialer")]
    [InlineData("outsider", null)]
    public async Task GetCustomPermissions_ThroughPermissionSets(string who, string? expected)
    {
        await using var s = await SalesforceSession.StartAsync();
        var user = who switch
        {
            "reviewer" => SalesforceSeed.Users.ComplianceReviewer,
            "manager" => SalesforceSeed.Users.SalesManager,
            "rep" => SalesforceSeed.Users.SalesRep,
            _ => SalesforceSeed.Users.Outsider,
        };

        var permissions = await s.Client.GetCustomPermissionsAsync(Id(user));

        Assert.Equal(expected is null ? [] : [expected], permissions);
    }

    [Fact]
    public async Task Query_MorePagesThanOne_AreFollowedToTheEnd()
    {
        await using var s = await SalesforceSession.StartAsync(o => o.QueryPageSize = 2);

        var tree = await s.Client.GetRoleHierarchyAsync();

        Assert.Equal(5, tree.Count);
        Assert.Equal(2, s.StandIn.Requests.All.Count(r => r.Url.AbsolutePath.Contains("/query/01g", StringComparison.Ordinal)));
    }

    private static SalesforceId Id(string id) => SalesforceId.Parse(id);
}
