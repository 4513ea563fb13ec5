using System.Net;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

public sealed class DataverseClientTerritoriesTests
{
    private static readonly Guid TerritoryId = Guid.Parse("3c8a7b14-0d2e-4f61-9a5b-2e7d1c0f4a88");

    [Fact]
    public async Task GetTerritoryAsync_Exists_ReadsNameAndJurisdiction()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"territoryid":"3c8a7b14-0d2e-4f61-9a5b-2e7d1c0f4a88","name":"West Coast","crr_jurisdiction":"US-CA"}"""));

        var territory = await h.Client.GetTerritoryAsync(TerritoryId);

        var request = h.Single;
        Assert.Equal("GET", request.Method);
        Assert.Equal($"{ClientHarness.Api}territories(3c8a7b14-0d2e-4f61-9a5b-2e7d1c0f4a88)?$select=territoryid,name,crr_jurisdiction", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Equal(new Users.DataverseTerritory(TerritoryId, "West Coast", "US-CA"), territory);
    }

    [Fact]
    public async Task GetTerritoryAsync_NoJurisdictionSet_ReturnsNullJurisdiction()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"territoryid":"3c8a7b14-0d2e-4f61-9a5b-2e7d1c0f4a88","name":"Inside Sales","crr_jurisdiction":null}"""));

        Assert.Equal(new Users.DataverseTerritory(TerritoryId, "Inside Sales", null), await h.Client.GetTerritoryAsync(TerritoryId));
    }

    [Fact]
    public async Task GetTerritoryAsync_Missing_ReturnsNull()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.NotFound, """{"error":{"code":"0x80040217","message":"territory With Id = 3c8a7b14-0d2e-4f61-9a5b-2e7d1c0f4a88 Does Not Exist"}}"""));

        Assert.Null(await h.Client.GetTerritoryAsync(TerritoryId));
    }

    [Fact]
    public async Task GetTerritoryAsync_EmptyId_Throws()
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetTerritoryAsync(Guid.Empty));
        Assert.Empty(h.Handler.Requests);
    }
}
