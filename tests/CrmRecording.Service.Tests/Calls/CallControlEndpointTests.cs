using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Calls;
using CrmRecording.Telephony;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>The dialer's hang-up and softphone token endpoints.</summary>
public sealed class CallControlEndpointTests : IDisposable
{
    private readonly SandboxCall _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task HangUp_ByTheRep_EndsTheCallAtTwilio_AndAgainIsANoOp()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.DoNotRecord);
        await _sandbox.WaitAsync(placed.CallId, c => c.CustomerCallSid is not null, "the customer answered");

        var response = await _sandbox.Client.PostAsync($"/api/calls/{placed.CallId}/hangup", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ended = await _sandbox.WaitAsync(placed.CallId, c => c.EndedAt is not null, "the call ended");
        Assert.Equal(CrmRecording.Service.Calls.State.CallStatus.Completed, ended.Status);
        Assert.Contains(_sandbox.Twilio.Requests.All, r => r.Method == "POST" && r.Path.EndsWith($"/Calls/{ended.TwilioCallSid}.json", StringComparison.Ordinal) && r.FormValue("Status") == "completed");
        Assert.Equal(HttpStatusCode.OK, (await _sandbox.Client.PostAsync($"/api/calls/{placed.CallId}/hangup", null)).StatusCode);
    }

    [Fact]
    public async Task HangUp_BySomeoneElse_Is403_AndAnUnknownCall404()
    {
        var placed = await _sandbox.PlaceAsync(SeedData.Contacts.DoNotRecord);

        Assert.Equal(HttpStatusCode.Forbidden, (await _sandbox.As(SeedData.Users.ComplianceReviewer).PostAsync($"/api/calls/{placed.CallId}/hangup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.Client.PostAsync("/api/calls/0123/hangup", null)).StatusCode);
        Assert.Null((await _sandbox.Calls.GetAsync(placed.CallId))!.EndedAt);
    }

    [Fact]
    public async Task VoiceToken_InTheSandbox_IsSimulatedForTheIdentityTheCallFlowDials()
    {
        var response = await _sandbox.Client.PostAsync("/api/voice/token", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("simulated", body.GetProperty("mode").GetString());
        Assert.Equal("rep_5e000000000040008000000000000004", body.GetProperty("identity").GetString());
        Assert.Equal("client:" + body.GetProperty("identity").GetString(), CallFlow.RepEndpoint(CallRecords.Rep));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("token").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sandbox.Anonymous.PostAsync("/api/voice/token", null)).StatusCode);
    }

    [Fact]
    public void VoiceToken_Signed_GrantsIncomingCallsToTheRepOnly()
    {
        var options = new TwilioClientOptions { AccountSid = "AC" + new string('a', 32), ApiKeySid = "SK" + new string('b', 32), ApiKeySecret = new string('c', 32) };
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(VoiceTokenEndpoint.Sign(options, "rep_abc", expires));

        Assert.Equal(options.ApiKeySid, jwt.Issuer);
        Assert.Equal(options.AccountSid, jwt.Subject);
        Assert.Equal("twilio-fpa;v=1", jwt.Header["cty"]);
        Assert.Equal(expires.ToUnixTimeSeconds(), long.Parse(jwt.Payload["exp"].ToString()!, System.Globalization.CultureInfo.InvariantCulture));
        var grants = JsonDocument.Parse(JsonSerializer.Serialize(jwt.Payload["grants"])).RootElement;
        Assert.Equal("rep_abc", grants.GetProperty("identity").GetString());
        Assert.True(grants.GetProperty("voice").GetProperty("incoming").GetProperty("allow").GetBoolean());
        Assert.False(grants.GetProperty("voice").TryGetProperty("outgoing", out _));
    }
}
