using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>
/// Open CTI's click-to-dial names the record and the number clicked, not the field: the service dials the field that
/// holds that number, and decides on it, or refuses a number that is on neither phone field.
/// </summary>
public sealed class SalesforceClickedNumberTests : IDisposable
{
    private readonly SandboxCall _sandbox = new();

    public SalesforceClickedNumberTests() =>
        // Ana Reyes: a Californian mobile (all-party) and, here, a Texan business phone (one-party) too.
        _sandbox.Salesforce.Edit("Contact", [(SalesforceSeed.Contacts.CaliforniaMobile, new JsonObject { ["Phone"] = "+1 214 555 0188" })]);

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("+1 415 555 0101")] // as stored
    [InlineData("(415) 555-0101")] // national
    [InlineData("1-415-555-0101")]
    public async Task PlaceCall_ClickedTheMobileOfAContactWithBothPhones_DialsAndDecidesOnTheMobile(string clicked)
    {
        var placed = await PlaceAsync(clicked);

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var call = (await placed.Content.ReadFromJsonAsync<PlaceCallResponse>(SandboxCall.Json))!;
        Assert.Equal("+14155550101", (await _sandbox.Calls.GetAsync(call.CallId))!.CustomerPhone);
        Assert.Contains("US-CA", call.Jurisdictions);
        Assert.Equal("record-after-consent", call.Decision);
    }

    [Fact]
    public async Task PlaceCall_ClickedTheBusinessPhone_DialsTheBusinessPhone()
    {
        var placed = await PlaceAsync("+1 214 555 0188");

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var call = (await placed.Content.ReadFromJsonAsync<PlaceCallResponse>(SandboxCall.Json))!;
        Assert.Equal("+12145550188", (await _sandbox.Calls.GetAsync(call.CallId))!.CustomerPhone);
    }

    [Fact]
    public async Task PlaceCall_ClickedANumberOnNeitherField_IsRefusedAndNothingIsDialled()
    {
        var placed = await PlaceAsync("+1 415 555 0199");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, placed.StatusCode);
        var detail = await placed.Content.ReadAsStringAsync();
        Assert.Contains("only a number on file is dialled", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("4155550199", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_sandbox.Twilio.Requests.All, r => r.Method == "POST" && r.Path.EndsWith("/Calls.json", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PlaceAsync(string clicked) =>
        _sandbox.AsSalesforce(SalesforceSeed.Users.SalesRep).PostAsJsonAsync("/api/calls", new { crm = "salesforce", entity = "Contact", id = SalesforceSeed.Contacts.CaliforniaMobile, number = clicked });
}
