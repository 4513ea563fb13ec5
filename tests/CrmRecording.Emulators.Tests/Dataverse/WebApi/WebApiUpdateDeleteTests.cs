using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Emulators.Tests.Dataverse.WebApi;

/// <summary>"Update and delete table rows" and "Prevent create in upsert": PATCH with and without <c>If-Match: *</c>, DELETE.</summary>
public sealed class WebApiUpdateDeleteTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Update_IfMatchStarOnMissingRow_Answers404AndCreatesNothing()
    {
        var missing = Guid.NewGuid();

        using var response = await session.SendAsync(HttpMethod.Patch, $"contacts({missing})", """{"crr_devicetype":"mobile"}""", ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x80040217", error.GetProperty("code").GetString());
        Assert.Equal($"contact With Id = {missing} Does Not Exist", error.GetProperty("message").GetString());
        Assert.Null(session.StandIn.GetRow("contacts", missing));
    }

    [Fact]
    public async Task Update_IfMatchStarOnExistingRow_Answers204AndChangesOnlySentColumns()
    {
        var before = session.StandIn.GetRow("contacts", SeedData.Contacts.TexasLandline)!;

        using var response = await session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.TexasLandline})", """{"crr_devicetype":"landline"}""", ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(response.Headers.Contains("OData-EntityId"));
        var after = session.StandIn.GetRow("contacts", SeedData.Contacts.TexasLandline)!;
        Assert.Equal("landline", after["crr_devicetype"]!.GetValue<string>());
        Assert.Equal(before["telephone1"]!.GetValue<string>(), after["telephone1"]!.GetValue<string>());
        Assert.NotEqual(before["versionnumber"]!.ToJsonString(), after["versionnumber"]!.ToJsonString());
        Assert.Equal(SeedData.Users.Application.ToString(), after["_modifiedby_value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithoutIfMatchOnMissingRow_UpsertsWithTheGivenId()
    {
        var id = Guid.NewGuid();

        using var response = await session.SendAsync(HttpMethod.Patch, $"contacts({id})", """{"lastname":"Upserted"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal($"{session.Api}contacts({id})", response.Headers.GetValues("OData-EntityId").Single());
        Assert.Equal("Upserted", session.StandIn.GetRow("contacts", id)!["lastname"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_ReturnRepresentation_Answers200WithTheRow()
    {
        using var request = session.Request(HttpMethod.Patch, $"contacts({SeedData.Contacts.Ontario})?$select=crr_verifiedregion", """{"crr_verifiedregion":"CA-ON"}""");
        request.Headers.Add("Prefer", "return=representation");
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CA-ON", (await StandInSession.JsonAsync(response)).GetProperty("crr_verifiedregion").GetString());
    }

    [Fact]
    public async Task Update_StaleEtag_Answers412AsDocumented()
    {
        using var response = await session.SendAsync(HttpMethod.Patch, $"contacts({SeedData.Contacts.Ontario})", """{"lastname":"x"}""", ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("The version of the existing record doesn't match the RowVersion property provided.", (await StandInSession.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Delete_ExistingRow_Answers204ThenReadsAs404()
    {
        using var deleted = await session.SendAsync(HttpMethod.Delete, $"leads({SeedData.Leads.SeattleProspect})");
        using var read = await session.GetAsync($"leads({SeedData.Leads.SeattleProspect})");
        using var again = await session.SendAsync(HttpMethod.Delete, $"leads({SeedData.Leads.SeattleProspect})");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
