using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests;

/// <summary>A refused session (401 INVALID_SESSION_ID) is replaced once; a second refusal is the caller's to see.</summary>
public sealed class SessionTests
{
    private static readonly SalesforceId ContactId = SalesforceId.Parse("0031U00000JajaoQAB");

    [Fact]
    public async Task Send_InvalidSessionId_SignsInAgainAndSendsOnceMore()
    {
        using var h = new SalesforceHarness().WithSession(Responses.InvalidSession);
        h.Handler.Reply(() => Responses.Token("token-2")).Reply(() => Responses.Ok("""{"Id":"0031U00000JajaoQAB","Phone":"+1 415 555 0101"}"""));

        var row = await h.Client.RetrieveAsync("Contact", ContactId, ["Id", "Phone"]);

        Assert.Equal("+1 415 555 0101", (string?)row!["Phone"]);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], h.DataRequests.Select(r => r.Header("Authorization")));
        Assert.Equal(h.DataRequests[0].Uri, h.DataRequests[1].Uri);
    }

    [Fact]
    public async Task Send_InvalidSessionTwice_ThrowsWithoutAThirdAttempt()
    {
        using var h = new SalesforceHarness().WithSession(Responses.InvalidSession);
        h.Handler.Reply(() => Responses.Token("token-2")).Reply(Responses.InvalidSession);

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.RetrieveAsync("Contact", ContactId, ["Id"]));

        Assert.Equal(401, e.Status);
        Assert.Equal("INVALID_SESSION_ID", e.ErrorCode);
        Assert.Equal("This session is not valid for use with the REST API", e.ServerMessage);
        Assert.Equal(2, h.DataRequests.Count);
    }

    [Fact]
    public async Task Send_AfterRenewal_KeepsTheNewSession()
    {
        using var h = new SalesforceHarness().WithSession(Responses.InvalidSession);
        h.Handler.Reply(() => Responses.Token("token-2"))
            .Reply(() => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""))
            .Reply(() => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""));

        await h.Client.RetrieveAsync("Contact", ContactId, ["Id"]);
        await h.Client.RetrieveAsync("Contact", ContactId, ["Id"]);

        Assert.Equal("Bearer token-2", h.DataRequests[^1].Header("Authorization"));
        Assert.Equal(2, h.Handler.Requests.Count(r => r.Uri.EndsWith("/oauth2/token", StringComparison.Ordinal)));
    }
}
