using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>The dialer's API: who may use it, and how bad requests are answered.</summary>
public sealed class CallApiTests : IDisposable
{
    private readonly SandboxCall _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Place_WithoutToken_Is401_AndAsSomeoneElse_Is403()
    {
        var body = new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.TexasLandline };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sandbox.Anonymous.PostAsJsonAsync("/api/calls", body)).StatusCode);

        var impersonating = await _sandbox.Client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.TexasLandline, repUserId = SeedData.Users.SalesManager });

        Assert.Equal(HttpStatusCode.Forbidden, impersonating.StatusCode);
        Assert.Empty(_sandbox.Twilio.Calls);
    }

    [Theory]
    [InlineData("""{"crm":"salesforce","entity":"Contact","id":"003Sd0000000001AAA"}""", 403, "placed by its own users")]
    [InlineData("""{"crm":"hubspot","entity":"contact","id":"c0000000-0000-4000-8000-000000000001"}""", 400, "crm must be one of 'dynamics', 'salesforce'")]
    [InlineData("""{"crm":"dynamics","entity":"account","id":"c0000000-0000-4000-8000-000000000001"}""", 400, "entity must be one of contact, lead, opportunity")]
    [InlineData("""{"crm":"dynamics","entity":"contact","id":"not-a-guid"}""", 400, "id must be")]
    [InlineData("""{"crm":"dynamics","entity":"contact","id":"c0000000-0000-4000-8000-000000000001","phoneField":"fax"}""", 400, "phoneField must be one of")]
    [InlineData("""{"crm":"dynamics","entity":"contact","id":"c0000000-0000-4000-8000-0000000000ff"}""", 404, "No contact")]
    [InlineData("""{"crm":"dynamics","entity":"contact","id":"c0000000-0000-4000-8000-000000000001","phoneField":"telephone1"}""", 422, "has no telephone1")]
    [InlineData("""{"crm":"dynamics","entity":"contact","id":"c0000000-0000-4000-8000-000000000001","phoneField":"business"}""", 422, "has no business")]
    public async Task Place_BadRequest_IsAnsweredWithTheReason_AndNoCallIsPlaced(string body, int status, string reason)
    {
        var response = await _sandbox.Client.PostAsync("/api/calls", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_sandbox.Twilio.Calls);
    }

    [Fact]
    public async Task Place_BodyThatIsNotJson_Is400_AndNoCallIsPlaced()
    {
        var response = await _sandbox.Client.PostAsync("/api/calls", new StringContent("{ crm: dynamics", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_sandbox.Twilio.Calls);
    }

    [Fact]
    public async Task Place_WhileTheCrmIsDown_Is503_AndNoCallIsPlaced()
    {
        await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline); // the caller's CRM user is known from here on
        var placedBefore = CreateCallRequests();
        _sandbox.Dataverse.Faults.GoDown();

        var response = await _sandbox.Client.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.CaliforniaMobile });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("CRM", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(placedBefore, CreateCallRequests());
        _sandbox.Dataverse.Faults.ComeBackUp();
    }

    private int CreateCallRequests() =>
        _sandbox.Twilio.Requests.All.Count(r => r.Method == "POST" && r.Path.EndsWith("/Calls.json", StringComparison.Ordinal));

    [Fact]
    public async Task Place_FromAnOpportunity_CallsItsContact_AndTheActivityIsRegardingTheOpportunity()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Opportunities.FleetRenewal, "opportunity");

        Assert.Equal("record-after-consent", placed.Decision);
        var phoneCall = _sandbox.Dataverse.GetRow("phonecalls", placed.PhoneCallId!.Value)!;
        Assert.Equal(SeedData.Opportunities.FleetRenewal.ToString(), (string?)phoneCall["_regardingobjectid_value"]);
        Assert.Equal("+14155550101", (string?)phoneCall["phonenumber"]);
        var call = await _sandbox.WaitAsync(placed.CallId, c => c.CustomerCallSid is not null, "the contact dialled");
        Assert.Equal("+14155550101", _sandbox.Twilio.FindCall(call.CustomerCallSid!)!.To);
    }

    [Fact]
    public async Task Place_Lead_UsesItsMobile()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Leads.SeattleProspect, "lead");

        Assert.Contains("US-WA", placed.Jurisdictions);
        Assert.NotEqual("do-not-record", placed.Decision);
    }

    [Fact]
    public async Task GetCall_RepManagerAndReviewerMaySee_OthersAre403()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.TexasLandline);

        var own = await _sandbox.Client.GetAsync($"/api/calls/{placed.CallId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(placed.Decision, JsonDocument.Parse(await own.Content.ReadAsStringAsync()).RootElement.GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _sandbox.As(SeedData.Users.SalesManager).GetAsync($"/api/calls/{placed.CallId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _sandbox.As(SeedData.Users.ComplianceReviewer).GetAsync($"/api/calls/{placed.CallId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _sandbox.As(SeedData.Users.SalesDirector).GetAsync($"/api/calls/{placed.CallId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.Client.GetAsync("/api/calls/0123")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sandbox.Anonymous.GetAsync($"/api/calls/{placed.CallId}")).StatusCode);
    }
}
