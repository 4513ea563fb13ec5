using System.Net;
using System.Text.Json;

namespace CrmRecording.Emulators.Tests.Dataverse.WebApi;

/// <summary>"Page results by using OData": <c>Prefer: odata.maxpagesize</c>, <c>Preference-Applied</c>, <c>@odata.nextLink</c> with a skip token.</summary>
public sealed class WebApiPagingTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Query_MaxPageSize2_ReturnsTwoRowsAppliedPreferenceAndAbsoluteNextLink()
    {
        using var response = await session.GetAsync("contacts?$select=fullname", ("Prefer", "odata.maxpagesize=2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("odata.maxpagesize=2", response.Headers.GetValues("Preference-Applied").Single());
        var body = await StandInSession.JsonAsync(response);
        Assert.Equal($"{session.Api}$metadata#contacts(fullname)", body.GetProperty("@odata.context").GetString());
        Assert.Equal(2, body.GetProperty("value").GetArrayLength());
        var first = body.GetProperty("value")[0];
        Assert.Equal(["@odata.etag", "fullname", "contactid"], first.EnumerateObject().Select(p => p.Name));
        var next = body.GetProperty("@odata.nextLink").GetString()!;
        Assert.StartsWith($"{session.Api}contacts?$select=fullname&$skiptoken=", next, StringComparison.Ordinal);
        Assert.Contains("pagenumber=%222%22", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_FollowingNextLinks_ReadsEveryRowOnceAndEndsWithoutNextLink()
    {
        var names = new List<string>();
        string? next = "contacts?$select=fullname&$filter=statecode eq 0";
        var pages = 0;
        while (next is not null)
        {
            using var response = await session.GetAsync(next, ("Prefer", "odata.maxpagesize=3"));
            var body = await StandInSession.JsonAsync(response);
            names.AddRange(body.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("fullname").GetString()!));
            next = body.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(7, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task Query_WithoutMaxPageSize_HasNoPreferenceApplied()
    {
        using var response = await session.GetAsync("contacts?$select=fullname");

        Assert.False(response.Headers.Contains("Preference-Applied"));
        var body = await StandInSession.JsonAsync(response);
        Assert.Equal(7, body.GetProperty("value").GetArrayLength());
        Assert.Equal(JsonValueKind.Undefined, body.TryGetProperty("@odata.nextLink", out var link) ? link.ValueKind : JsonValueKind.Undefined);
    }
}
