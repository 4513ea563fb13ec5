using System.Net;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

public sealed class DataverseClientUsersTests
{
    private const string UserSelect = "$select=systemuserid,fullname,_parentsystemuserid_value,address1_stateorprovince,address1_country,_territoryid_value";
    private static readonly Guid UserId = Guid.Parse("4026be43-6b69-e111-8f65-78e7d1620f5e");
    private static readonly Guid ManagerId = Guid.Parse("75c2dd85-e89e-e711-8122-000d3aa2331c");
    private static readonly Guid EntraId = Guid.Parse("9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
    private static readonly Guid TerritoryId = Guid.Parse("3c8a7b14-0d2e-4f61-9a5b-2e7d1c0f4a88");
    private static readonly Guid TeamA = Guid.Parse("7cdb15ee-e39e-f011-bbd3-7c1e5215b8b5");
    private static readonly Guid TeamB = Guid.Parse("1c75377a-e29e-f011-bbd3-7c1e5217cd7c");

    private const string RepRow = """
        {"systemuserid":"4026be43-6b69-e111-8f65-78e7d1620f5e","fullname":"Nancy Anderson","_parentsystemuserid_value":"75c2dd85-e89e-e711-8122-000d3aa2331c","address1_stateorprovince":"TX","address1_country":"US","_territoryid_value":"3c8a7b14-0d2e-4f61-9a5b-2e7d1c0f4a88"}
        """;

    [Fact]
    public async Task FindUserByEntraObjectIdAsync_OneUser_FiltersOnObjectIdAndSelectsColumns()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, $$"""{"@odata.context":"x","value":[{{RepRow}}]}"""));

        var user = await h.Client.FindUserByEntraObjectIdAsync(EntraId);

        var request = h.Single;
        Assert.Equal("GET", request.Method);
        Assert.Equal($"{ClientHarness.Api}systemusers?$filter=azureactivedirectoryobjectid%20eq%209f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f&{UserSelect}", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Equal(new Users.DataverseUser(UserId, "Nancy Anderson", ManagerId, "TX", "US", TerritoryId), user);
    }

    [Fact]
    public async Task FindUserByEntraObjectIdAsync_NoUser_ReturnsNull()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"value":[]}"""));

        Assert.Null(await h.Client.FindUserByEntraObjectIdAsync(EntraId));
    }

    [Fact]
    public async Task FindUserByEntraObjectIdAsync_TwoUsers_ThrowsRatherThanPickingOne()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, $$"""{"value":[{{RepRow}},{"systemuserid":"75c2dd85-e89e-e711-8122-000d3aa2331c"}]}"""));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.FindUserByEntraObjectIdAsync(EntraId));

        Assert.Contains("2 users", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetManagerAsync_UserWithManager_ReadsParentThenTheManager()
    {
        using var h = new ClientHarness();
        h.Handler
            .Reply(() => Responses.Json(HttpStatusCode.OK, RepRow))
            .Reply(() => Responses.Json(HttpStatusCode.OK, """{"systemuserid":"75c2dd85-e89e-e711-8122-000d3aa2331c","fullname":"Maria Campbell","_parentsystemuserid_value":null,"address1_stateorprovince":"NV","address1_country":"US"}"""));

        var manager = await h.Client.GetManagerAsync(UserId);

        Assert.Equal(
            [$"{ClientHarness.Api}systemusers(4026be43-6b69-e111-8f65-78e7d1620f5e)?{UserSelect}", $"{ClientHarness.Api}systemusers(75c2dd85-e89e-e711-8122-000d3aa2331c)?{UserSelect}"],
            h.Handler.Requests.Select(r => r.Uri));
        Assert.Equal(new Users.DataverseUser(ManagerId, "Maria Campbell", null, "NV", "US"), manager);
    }

    [Fact]
    public async Task GetManagerAsync_NoManager_ReturnsNullAfterOneRequest()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"systemuserid":"4026be43-6b69-e111-8f65-78e7d1620f5e","_parentsystemuserid_value":null}"""));

        Assert.Null(await h.Client.GetManagerAsync(UserId));
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task GetUserRolesAsync_DirectAndThroughTeams_OneEntryPerRoleWithItsSources()
    {
        using var h = new ClientHarness();
        h.Handler
            // Direct roles, as in the "Web API Basic Operations Sample" systemuserroles_association response.
            .Reply(() => Responses.Json(HttpStatusCode.OK, """
                {
                  "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#roles(name,roleid)",
                  "value": [
                    { "@odata.etag": "W/\"72935763\"", "name": "Salesperson", "roleid": "e359feba-bb27-ed11-9db1-002248274ada" }
                  ]
                }
                """))
            .Reply(() => Responses.Json(HttpStatusCode.OK, """
                {"value":[{"teamid":"7cdb15ee-e39e-f011-bbd3-7c1e5215b8b5"},{"teamid":"1c75377a-e29e-f011-bbd3-7c1e5217cd7c"}]}
                """))
            .Reply(() => Responses.Json(HttpStatusCode.OK, """
                {"value":[{"name":"Salesperson","roleid":"e359feba-bb27-ed11-9db1-002248274ada"},{"name":"Recording Reviewer","roleid":"fe4b2a83-f18c-44e7-a30b-ea7391bdcbec"}]}
                """))
            .Reply(() => Responses.Json(HttpStatusCode.OK, """
                {"value":[{"name":"Recording Reviewer","roleid":"fe4b2a83-f18c-44e7-a30b-ea7391bdcbec"}]}
                """));

        var roles = await h.Client.GetUserRolesAsync(UserId);

        Assert.Equal(
            [
                $"{ClientHarness.Api}systemusers(4026be43-6b69-e111-8f65-78e7d1620f5e)/systemuserroles_association?$select=name,roleid",
                $"{ClientHarness.Api}systemusers(4026be43-6b69-e111-8f65-78e7d1620f5e)/teammembership_association?$select=teamid",
                $"{ClientHarness.Api}teams(7cdb15ee-e39e-f011-bbd3-7c1e5215b8b5)/teamroles_association?$select=name,roleid",
                $"{ClientHarness.Api}teams(1c75377a-e29e-f011-bbd3-7c1e5217cd7c)/teamroles_association?$select=name,roleid",
            ],
            h.Handler.Requests.Select(r => r.Uri));
        Assert.All(h.Handler.Requests, r =>
        {
            ClientHarness.AssertODataHeaders(r);
            Assert.Equal("odata.maxpagesize=500", r.Header("Prefer"));
        });
        Assert.Equal(2, roles.Count);
        var salesperson = Assert.Single(roles, r => r.Name == "Salesperson");
        Assert.True(salesperson.Direct);
        Assert.Equal([TeamA], salesperson.ViaTeams);
        var reviewer = Assert.Single(roles, r => r.Name == "Recording Reviewer");
        Assert.False(reviewer.Direct);
        Assert.Equal(Guid.Parse("fe4b2a83-f18c-44e7-a30b-ea7391bdcbec"), reviewer.Id);
        Assert.Equal([TeamA, TeamB], reviewer.ViaTeams);
    }

    [Fact]
    public async Task GetUserRolesAsync_SeveralPages_FollowsNextLinkUnchangedWithTheSamePageSize()
    {
        using var h = new ClientHarness(o => o.PageSize = 2);
        // The $skiptoken form of "Page results using OData" (query/page-results.md), on this query.
        const string NextLink =
            ClientHarness.Api + "systemusers(4026be43-6b69-e111-8f65-78e7d1620f5e)/systemuserroles_association?$select=name,roleid&$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253croleid%2520last%253d%2522%257bD5026A4D-D01C-ED11-B83E-000D3A572421%257d%2522%2520first%253d%2522%257b49B0BE2E-D01C-ED11-B83E-000D3A572421%257d%2522%2520%252f%253e%253c%252fcookie%253e%22%20istracking=%22False%22%20/%3E";
        h.Handler
            .Reply(() => Responses.Json(HttpStatusCode.OK, $$"""
                {
                  "value": [
                    { "name": "Salesperson", "roleid": "49b0be2e-d01c-ed11-b83e-000d3a572421" },
                    { "name": "Sales Manager", "roleid": "d5026a4d-d01c-ed11-b83e-000d3a572421" }
                  ],
                  "@odata.nextLink": "{{NextLink}}"
                }
                """, ("Preference-Applied", "odata.maxpagesize=2")))
            .Reply(() => Responses.Json(HttpStatusCode.OK, """
                { "value": [ { "name": "Recording Administrator", "roleid": "72bf4d48-34cb-ed11-b596-0022481d68cd" } ] }
                """, ("Preference-Applied", "odata.maxpagesize=2")))
            .Reply(() => Responses.Json(HttpStatusCode.OK, """{"value":[]}"""));

        var roles = await h.Client.GetUserRolesAsync(UserId);

        Assert.Equal(NextLink, h.Handler.Requests[1].Uri);
        Assert.Equal("odata.maxpagesize=2", h.Handler.Requests[0].Header("Prefer"));
        Assert.Equal("odata.maxpagesize=2", h.Handler.Requests[1].Header("Prefer"));
        Assert.Equal(["Salesperson", "Sales Manager", "Recording Administrator"], roles.Select(r => r.Name));
        Assert.All(roles, r => Assert.True(r.Direct));
    }

    [Fact]
    public async Task GetUserRolesAsync_NextLinkToAnotherHost_ThrowsWithoutSendingTheToken()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """
            { "value": [], "@odata.nextLink": "https://attacker.example.com/api/data/v9.2/roles?$skiptoken=1" }
            """));

        var e = await Assert.ThrowsAsync<DataverseException>(() => h.Client.GetUserRolesAsync(UserId));

        Assert.Contains("attacker.example.com", e.Message, StringComparison.Ordinal);
        Assert.Single(h.Handler.Requests);
    }
}
