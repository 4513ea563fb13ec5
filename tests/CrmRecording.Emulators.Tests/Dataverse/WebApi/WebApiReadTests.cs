using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Emulators.Tests.Dataverse.WebApi;

/// <summary>Retrieve and query: <c>$select</c>, <c>$filter</c>, <c>$top</c>, navigation properties, WhoAmI.</summary>
public sealed class WebApiReadTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Get_ByIdWithSelect_ReturnsContextEtagSelectedColumnsAndKey()
    {
        using var response = await session.GetAsync($"contacts({SeedData.Contacts.CaliforniaMobile})?$select=fullname,mobilephone,_ownerid_value");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await StandInSession.JsonAsync(response);
        Assert.Equal($"{session.Api}$metadata#contacts(fullname,mobilephone,_ownerid_value)/$entity", body.GetProperty("@odata.context").GetString());
        Assert.Matches("^W/\"\\d+\"$", body.GetProperty("@odata.etag").GetString()!);
        Assert.Equal("Ana Reyes", body.GetProperty("fullname").GetString());
        Assert.Equal("+14155550101", body.GetProperty("mobilephone").GetString());
        Assert.Equal(SeedData.Users.SalesRep.ToString(), body.GetProperty("_ownerid_value").GetString());
        Assert.Equal(SeedData.Contacts.CaliforniaMobile.ToString(), body.GetProperty("contactid").GetString());
        Assert.False(body.TryGetProperty("telephone1", out _));
        Assert.False(body.TryGetProperty("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", out _));
    }

    [Fact]
    public async Task Get_IncludeAnnotationsList_ReturnsOnlyTheNamedLookupAnnotations()
    {
        using var response = await session.GetAsync(
            $"contacts({SeedData.Contacts.CaliforniaMobile})?$select=_ownerid_value",
            ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname\", odata.maxpagesize=10"));

        var body = await StandInSession.JsonAsync(response);
        Assert.Equal("systemuser", body.GetProperty("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString());
        Assert.False(body.TryGetProperty("_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty", out _));
    }

    [Fact]
    public async Task Get_MissingRow_Answers404WithDataverseErrorBody()
    {
        var missing = Guid.NewGuid();

        using var response = await session.GetAsync($"contacts({missing})");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await StandInSession.JsonAsync(response);
        Assert.Equal(["error"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["code", "message"], body.GetProperty("error").EnumerateObject().Select(p => p.Name));
        Assert.Equal("0x80040217", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal($"contact With Id = {missing} Does Not Exist", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Query_FilterOnEntraObjectId_FindsTheUser()
    {
        using var response = await session.GetAsync($"systemusers?$filter=azureactivedirectoryobjectid eq {SeedData.EntraObjectIds.SalesRep}&$select=fullname");

        var body = await StandInSession.JsonAsync(response);
        Assert.Equal($"{session.Api}$metadata#systemusers(fullname)", body.GetProperty("@odata.context").GetString());
        var user = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal("Riley Chen", user.GetProperty("fullname").GetString());
        Assert.Equal(SeedData.Users.SalesRep.ToString(), user.GetProperty("systemuserid").GetString());
    }

    [Fact]
    public async Task Query_FilterJoinedByAnd_MatchesTextCaseInsensitivelyAndBooleans()
    {
        using var response = await session.GetAsync("contacts?$select=fullname&$filter=address1_country eq 'united states' and crr_donotrecord eq true");

        var names = (await StandInSession.JsonAsync(response)).GetProperty("value").EnumerateArray().Select(v => v.GetProperty("fullname").GetString());
        Assert.Equal(["Gabriel Santos"], names);
    }

    [Fact]
    public async Task Query_FilterOnLookupAndQuotedText_EscapesDoubledQuotes()
    {
        session.StandIn.PutRow("contacts", new() { ["fullname"] = "Aoife O'Brien", ["lastname"] = "O'Brien" });

        using var response = await session.GetAsync($"contacts?$select=fullname&$filter=lastname eq 'O''Brien'");
        using var owned = await session.GetAsync($"contacts?$select=fullname&$filter=_ownerid_value eq {SeedData.Users.SalesRep}");

        Assert.Equal(["Aoife O'Brien"], (await StandInSession.JsonAsync(response)).GetProperty("value").EnumerateArray().Select(v => v.GetProperty("fullname").GetString()));
        Assert.Equal(7, (await StandInSession.JsonAsync(owned)).GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task Query_Top_LimitsRowsWithoutNextLink()
    {
        using var response = await session.GetAsync("contacts?$select=fullname&$top=3");

        var body = await StandInSession.JsonAsync(response);
        Assert.Equal(3, body.GetProperty("value").GetArrayLength());
        Assert.False(body.TryGetProperty("@odata.nextLink", out _));
    }

    [Fact]
    public async Task Query_UnsupportedFilterFunction_Answers400NamingWhatIsSupported()
    {
        using var response = await session.GetAsync("contacts?$filter=contains(fullname,'Ana')");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x80060888", error.GetProperty("code").GetString());
        Assert.Contains("column eq|ne literal", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_UserRolesTeamsAndTeamRoles_FollowTheAssociations()
    {
        using var direct = await session.GetAsync($"systemusers({SeedData.Users.SalesRep})/systemuserroles_association?$select=name,roleid");
        using var teams = await session.GetAsync($"systemusers({SeedData.Users.SalesRep})/teammembership_association?$select=name,teamid");
        using var teamRoles = await session.GetAsync($"teams({SeedData.Teams.ComplianceReviewers})/teamroles_association?$select=name,roleid");

        var directBody = await StandInSession.JsonAsync(direct);
        Assert.Equal($"{session.Api}$metadata#roles(name,roleid)", directBody.GetProperty("@odata.context").GetString());
        Assert.Equal(["Salesperson"], directBody.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["Compliance Reviewers", "Sales West"], (await StandInSession.JsonAsync(teams)).GetProperty("value").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order());
        Assert.Equal(["Recording Reviewer"], (await StandInSession.JsonAsync(teamRoles)).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Navigation_ManagerLookup_ReadsAsValueAndAsSingleValuedNavigation()
    {
        using var user = await session.GetAsync($"systemusers({SeedData.Users.SalesRep})?$select=_parentsystemuserid_value");
        using var manager = await session.GetAsync($"systemusers({SeedData.Users.SalesRep})/parentsystemuserid?$select=fullname");

        Assert.Equal(SeedData.Users.SalesManager.ToString(), (await StandInSession.JsonAsync(user)).GetProperty("_parentsystemuserid_value").GetString());
        var managerBody = await StandInSession.JsonAsync(manager);
        Assert.Equal($"{session.Api}$metadata#systemusers(fullname)/$entity", managerBody.GetProperty("@odata.context").GetString());
        Assert.Equal("Morgan Blake", managerBody.GetProperty("fullname").GetString());
    }

    [Fact]
    public async Task Associate_UserToRoleByRef_AppearsInNavigation()
    {
        using var associate = await session.SendAsync(
            HttpMethod.Post,
            $"systemusers({SeedData.Users.SalesDirector})/systemuserroles_association/$ref",
            $$"""{"@odata.id":"{{session.Api}}roles({{SeedData.Roles.RecordingAdministrator}})"}""");
        using var roles = await session.GetAsync($"systemusers({SeedData.Users.SalesDirector})/systemuserroles_association?$select=name");

        Assert.Equal(HttpStatusCode.NoContent, associate.StatusCode);
        Assert.Equal(["Recording Administrator", "Salesperson"], (await StandInSession.JsonAsync(roles)).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task WhoAmI_ReturnsTheCallerBusinessUnitAndOrganization()
    {
        using var response = await session.GetAsync("WhoAmI");

        var body = await StandInSession.JsonAsync(response);
        Assert.Equal(SeedData.Users.Application.ToString(), body.GetProperty("UserId").GetString());
        Assert.Equal(SeedData.BusinessUnitId.ToString(), body.GetProperty("BusinessUnitId").GetString());
        Assert.Equal(SeedData.OrganizationId.ToString(), body.GetProperty("OrganizationId").GetString());
    }
}
