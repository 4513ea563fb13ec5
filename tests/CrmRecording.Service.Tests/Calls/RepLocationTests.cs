using System.Net;
using System.Net.Http.Json;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>
/// Where the rep calls from: their territory's jurisdiction (systemuser.territoryid → territory.crr_jurisdiction),
/// else the address on their user record; the decision's reasons say which.
/// </summary>
public sealed class RepLocationTests : IDisposable
{
    private readonly SandboxCall _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private List<string> UserReads() =>
        [.. _sandbox.Dataverse.Requests.All.Where(r => r.Method == "GET" && r.Url.AbsolutePath.Contains("/systemusers", StringComparison.Ordinal)).Select(r => r.Url.PathAndQuery)];

    [Fact]
    public async Task Place_RepWithoutTerritory_UsesTheUserAddressAndSaysSoAfterTheCustomerLocation()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);

        var reasons = placed.Reasons.ToList();
        var rep = reasons.IndexOf("Rep location: user address TX, United States → US-TX.");
        Assert.True(rep > 0, string.Join(Environment.NewLine, reasons));
        Assert.StartsWith("Customer location:", reasons[rep - 1], StringComparison.Ordinal);
        Assert.DoesNotContain(reasons, r => r.Contains("territory", StringComparison.Ordinal));
        Assert.Contains("US-TX", placed.Jurisdictions);
    }

    [Fact]
    public async Task Place_ClickToDial_ReadsTheRepsUserRowOnce()
    {
        var client = _sandbox.Client; // its token is minted first
        var before = UserReads().Count;

        var response = await client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.TexasLandline });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reads = UserReads().Skip(before).ToList();
        Assert.True(reads.Count == 1, "user rows read: " + string.Join(", ", reads));
    }

    [Fact]
    public async Task Place_RepWithTerritory_TheTerritoryJurisdictionReplacesTheAddress()
    {
        var placed = await PlaceAsManagerAsync(SeedData.Contacts.TexasLandline);

        Assert.Contains("Rep location: territory Pacific Northwest → US-WA.", placed.Reasons);
        Assert.Contains("US-WA", placed.Jurisdictions);
        Assert.DoesNotContain("US-CA", placed.Jurisdictions); // the manager's address is in California
        var stored = await _sandbox.Calls.GetAsync(placed.CallId);
        Assert.Contains("Rep location: territory Pacific Northwest → US-WA.", stored!.Reasons);
    }

    [Fact]
    public async Task Place_TerritoryWithoutJurisdiction_FallsBackToTheUserAddress()
    {
        var manager = _sandbox.Dataverse.GetRow("systemusers", SeedData.Users.SalesManager)!;
        DataverseStandIn.SetLookup(manager, "territoryid", "territories", SeedData.Territories.InsideSales);
        _sandbox.Dataverse.PutRow("systemusers", manager);

        var placed = await PlaceAsManagerAsync(SeedData.Contacts.TexasLandline);

        Assert.Contains("Rep location: user address CA, United States → US-CA.", placed.Reasons);
        Assert.Contains("US-CA", placed.Jurisdictions);
        Assert.DoesNotContain("US-WA", placed.Jurisdictions);
    }

    [Fact]
    public async Task Place_TerritoryJurisdictionNotAPlace_Is422NamingTheTerritory_AndNothingIsDialled()
    {
        var territory = _sandbox.Dataverse.GetRow("territories", SeedData.Territories.PacificNorthwest)!;
        territory["crr_jurisdiction"] = "West";
        _sandbox.Dataverse.PutRow("territories", territory);

        var response = await _sandbox.As(SeedData.Users.SalesManager).PostAsJsonAsync("/api/calls", Body(SeedData.Contacts.TexasLandline));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("territory Pacific Northwest", problem, StringComparison.Ordinal);
        Assert.Contains("'West'", problem, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Twilio.Calls);
    }

    private static object Body(Guid contact) => new { crm = "dynamics", entity = "contact", id = contact, repUserId = SeedData.Users.SalesManager };

    private async Task<PlaceCallResponse> PlaceAsManagerAsync(Guid contact)
    {
        var response = await _sandbox.As(SeedData.Users.SalesManager).PostAsJsonAsync("/api/calls", Body(contact));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PlaceCallResponse>(SandboxCall.Json))!;
    }
}
