using CrmRecording.Telephony.Tests.Support;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>HTTP Basic authentication of the client, with the account's auth token or an API key, as the stand-in checks it.</summary>
public sealed class StandInCredentialsTests
{
    private const string KeySid = "SK0123456789abcdef0123456789abcdef";
    private const string KeySecret = "api-key-secret";

    [Fact]
    public async Task CreateCall_ApiKeyCredentials_AuthenticatesWithTheKeyAndPlacesTheCall()
    {
        await using var session = await StandInSession.StartAsync(
            o => (o.ApiKeySid, o.ApiKeySecret) = (KeySid, KeySecret),
            o => (o.ApiKeySid, o.ApiKeySecret) = (KeySid, KeySecret));

        var call = await session.CallAsync(StandInSession.Customer, "/voice");

        Assert.Equal(call.Sid, Assert.Single(session.StandIn.Calls).Sid);
        Assert.Equal(ClientHarness.Basic(KeySid, KeySecret), Assert.Single(session.StandIn.Requests.All).Headers["Authorization"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateCall_WrongCredentials_ThrowsTwilioException401With20003(bool apiKey)
    {
        await using var session = await StandInSession.StartAsync(
            o => (o.ApiKeySid, o.ApiKeySecret) = (KeySid, KeySecret),
            o =>
            {
                if (apiKey)
                {
                    (o.ApiKeySid, o.ApiKeySecret) = (KeySid, "not-the-secret");
                }
                else
                {
                    o.AuthToken = "not-the-auth-token";
                }
            });

        var e = await Assert.ThrowsAsync<TwilioException>(() => session.CallAsync(StandInSession.Customer, "/voice"));

        Assert.Equal((401, 20003), (e.Status, e.Code));
        Assert.Equal("https://www.twilio.com/docs/errors/20003", e.MoreInfo);
        Assert.Empty(session.StandIn.Calls);
        Assert.Empty(session.ClientTime.Waits);
    }

    [Fact]
    public async Task LookupLineType_WrongAuthToken_ThrowsTwilioException401With20003()
    {
        await using var session = await StandInSession.StartAsync(configureClient: o => o.AuthToken = "not-the-auth-token");

        var e = await Assert.ThrowsAsync<TwilioException>(() => session.Client.LookupLineTypeAsync("+14155550101"));

        Assert.Equal((401, 20003), (e.Status, e.Code));
    }
}
