using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Emulators.Tests.Dataverse.Client;

/// <summary>The production client finding users, their manager and their roles (direct and through teams) on the stand-in.</summary>
public sealed class DataverseClientUserTests : IAsyncLifetime
{
    private ClientSession session = null!;

    public async Task InitializeAsync() => session = await ClientSession.StartAsync(configure: o => o.PageSize = 1);

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task FindUserByEntraObjectId_Rep_ReadsNameManagerAndRegion()
    {
        var user = await session.Client.FindUserByEntraObjectIdAsync(SeedData.EntraObjectIds.SalesRep);

        Assert.Equal(new(SeedData.Users.SalesRep, "Riley Chen", SeedData.Users.SalesManager, "TX", "United States"), user);
    }

    [Fact]
    public async Task FindUserByEntraObjectId_Unknown_IsNull()
    {
        Assert.Null(await session.Client.FindUserByEntraObjectIdAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task GetManager_Rep_IsTheSalesManager()
    {
        var manager = await session.Client.GetManagerAsync(SeedData.Users.SalesRep);

        Assert.Equal(SeedData.Users.SalesManager, manager!.Id);
        Assert.Equal("Morgan Blake", manager.FullName);
        Assert.Null((await session.Client.GetManagerAsync(SeedData.Users.SalesDirector)));
    }

    [Fact]
    public async Task GetUserRoles_Rep_HoldsReviewerOnlyThroughTheTeam()
    {
        var roles = (await session.Client.GetUserRolesAsync(SeedData.Users.SalesRep)).ToDictionary(r => r.Name);

        Assert.Equal(["Recording Reviewer", "Salesperson"], roles.Keys.Order());
        Assert.True(roles["Salesperson"].Direct);
        Assert.Equal([SeedData.Teams.SalesWest], roles["Salesperson"].ViaTeams);
        Assert.False(roles["Recording Reviewer"].Direct);
        Assert.Equal([SeedData.Teams.ComplianceReviewers], roles["Recording Reviewer"].ViaTeams);
    }

    [Fact]
    public async Task GetUserRoles_PageSizeOne_FollowsNextLinks()
    {
        var roles = await session.Client.GetUserRolesAsync(SeedData.Users.SalesManager);

        Assert.Equal(["Recording Administrator", "Salesperson"], roles.Select(r => r.Name).Order());
        var directReads = session.StandIn.Requests.All.Where(r => r.Url.AbsolutePath.EndsWith("/systemuserroles_association", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, directReads.Count);
        Assert.All(directReads, r => Assert.Equal("odata.maxpagesize=1", r.Header("Prefer")));
        Assert.Contains("$skiptoken=", directReads[1].Url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUser_ManagerWithTerritory_ReadsTheTerritoryAndItsJurisdiction()
    {
        var manager = await session.Client.GetUserAsync(SeedData.Users.SalesManager);
        var territory = await session.Client.GetTerritoryAsync(manager!.TerritoryId!.Value);

        Assert.Equal(SeedData.Territories.PacificNorthwest, manager.TerritoryId);
        Assert.Equal(new(SeedData.Territories.PacificNorthwest, "Pacific Northwest", "US-WA"), territory);
        Assert.Null((await session.Client.GetUserAsync(SeedData.Users.SalesRep))!.TerritoryId);
        Assert.Null((await session.Client.GetTerritoryAsync(SeedData.Territories.InsideSales))!.Jurisdiction);
        Assert.Null(await session.Client.GetTerritoryAsync(Guid.NewGuid()));
    }
}
