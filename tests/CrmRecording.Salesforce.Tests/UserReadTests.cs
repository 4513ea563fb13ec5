using CrmRecording.Salesforce.Tests.Support;
using CrmRecording.Salesforce.Users;

namespace CrmRecording.Salesforce.Tests;

/// <summary>Users with their manager and role, the role tree, and custom permissions through permission sets.</summary>
public sealed class UserReadTests
{
    private static readonly SalesforceId Rep = SalesforceId.Parse("0055g00000RileyAAA");

    [Fact]
    public async Task GetUser_ReadsManagerRoleAndTheRolesParentThroughTheRelationship()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Query("""
            {"attributes":{"type":"User"},"Id":"0055g00000RileyAAA","Name":"Riley Chen","Username":"riley@acme.example","IsActive":true,
             "ManagerId":"0055g00000MorgaAAA","UserRoleId":"00E5g000000RepsAAA","UserRole":{"attributes":{"type":"UserRole"},"ParentRoleId":"00E5g000000MgrsAAA"},
             "State":"Texas","Country":"United States","StateCode":"TX","CountryCode":"US"}
            """));

        var user = await h.Client.GetUserAsync(Rep);

        Assert.Equal(
            SalesforceHarness.Api + "query?q=" + Uri.EscapeDataString("SELECT Id, Name, Username, IsActive, ManagerId, UserRoleId, UserRole.ParentRoleId, State, Country, StateCode, CountryCode FROM User WHERE Id = '0055g00000RileyAAA'"),
            h.DataRequests[0].Uri);
        Assert.Equal("0055g00000MorgaAAA", user!.ManagerId!.Value.Value);
        Assert.Equal("00E5g000000MgrsAAA", user.ParentRoleId!.Value.Value);
        Assert.Equal(("TX", "US"), (user.Region, user.CountryOrCode));
    }

    [Fact]
    public async Task GetUser_NoRole_HasNoParentRole()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Query("""{"Id":"0055g00000RileyAAA","IsActive":true,"UserRoleId":null,"UserRole":null}"""));

        var user = await h.Client.GetUserAsync(Rep);

        Assert.Null(user!.UserRoleId);
        Assert.Null(user.ParentRoleId);
    }

    [Fact]
    public async Task GetUser_None_IsNull()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Query(string.Empty));

        Assert.Null(await h.Client.GetUserAsync(Rep));
    }

    [Fact]
    public async Task GetCustomPermissions_AsksForGrantsThroughAssignmentsThenTheirNames()
    {
        using var h = new SalesforceHarness().WithSession(
            () => Responses.Query("""{"SetupEntityId":"0CP5g000000RevwAAA"},{"SetupEntityId":"0CP5g000000AdmnAAA"},{"SetupEntityId":"0CP5g000000RevwAAA"}"""),
            () => Responses.Query("""{"Id":"0CP5g000000RevwAAA","DeveloperName":"Recording_Reviewer","NamespacePrefix":null},{"Id":"0CP5g000000AdmnAAA","DeveloperName":"Recording_Administrator","NamespacePrefix":"crmrec"}"""));

        var names = await h.Client.GetCustomPermissionsAsync(Rep);

        Assert.Equal(["Recording_Reviewer", "crmrec__Recording_Administrator"], names);
        Assert.Equal(
            "SELECT SetupEntityId FROM SetupEntityAccess WHERE SetupEntityType = 'CustomPermission' AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '0055g00000RileyAAA')",
            Soql(h.DataRequests[0]));
        Assert.Equal("SELECT Id, DeveloperName, NamespacePrefix FROM CustomPermission WHERE Id IN ('0CP5g000000RevwAAA', '0CP5g000000AdmnAAA')", Soql(h.DataRequests[1]));
    }

    [Fact]
    public async Task GetCustomPermissions_NoGrant_AsksOnce()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Query(string.Empty));

        Assert.Empty(await h.Client.GetCustomPermissionsAsync(Rep));
        Assert.Single(h.DataRequests);
    }

    [Fact]
    public async Task GetRoleHierarchy_AllPages_GiveTheTree()
    {
        using var h = new SalesforceHarness().WithSession(
            () => Responses.Query("""{"Id":"00E5g000000VpsAAAA","Name":"VP Sales","ParentRoleId":null},{"Id":"00E5g000000MgrsAAA","Name":"Sales Manager","ParentRoleId":"00E5g000000VpsAAAA"}""", done: false, next: "/services/data/v66.0/query/01g-2000"),
            () => Responses.Query("""{"Id":"00E5g000000RepsAAA","Name":"Sales Rep","ParentRoleId":"00E5g000000MgrsAAA"}"""));

        var tree = await h.Client.GetRoleHierarchyAsync();

        Assert.Equal(3, tree.Count);
        Assert.True(tree.IsAbove(SalesforceId.Parse("00E5g000000VpsAAAA"), SalesforceId.Parse("00E5g000000RepsAAA")));
    }

    private static string Soql(Testing.Http.RecordedRequest request) => Uri.UnescapeDataString(new Uri(request.Uri).Query["?q=".Length..]);
}
