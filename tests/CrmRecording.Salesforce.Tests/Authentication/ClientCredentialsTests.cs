using System.Net;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests.Authentication;

/// <summary>The client credentials flow: the form posted to the login host, and data sent to the returned instance.</summary>
public sealed class ClientCredentialsTests
{
    private static readonly SalesforceId ContactId = SalesforceId.Parse("0031U00000JajaoQAB");

    [Fact]
    public async Task Token_ClientCredentials_PostsTheDocumentedFormToTheLoginHost()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""));

        await h.Client.RetrieveAsync("Contact", ContactId, ["Id"]);

        var token = h.Handler.Requests[0];
        Assert.Equal("POST", token.Method);
        Assert.Equal("https://acme.my.salesforce.com/services/oauth2/token", token.Uri);
        Assert.Equal("application/x-www-form-urlencoded", token.Header("Content-Type"));
        Assert.Equal("grant_type=client_credentials&client_id=3MVG9-consumer-key&client_secret=consumer-secret", token.Body);
    }

    [Fact]
    public async Task Token_InstanceUrl_IsWhereDataRequestsGoWithTheBearerToken()
    {
        using var h = new SalesforceHarness().WithSession(() => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""));

        await h.Client.RetrieveAsync("Contact", ContactId, ["Id", "Phone"]);

        var data = h.Handler.Requests[1];
        Assert.Equal("GET", data.Method);
        Assert.Equal("https://acme-data.my.salesforce.com/services/data/v66.0/sobjects/Contact/0031U00000JajaoQAB?fields=Id%2CPhone", data.Uri);
        Assert.Equal("Bearer token-1", data.Header("Authorization"));
        Assert.Equal("application/json", data.Header("Accept"));
    }

    [Fact]
    public async Task Token_DocumentedSampleAsIs_IsRefusedBecauseItsInstanceUrlIsAPlaceholder()
    {
        using var h = new SalesforceHarness();
        // The help page's response verbatim: "instance_url": "instance_url" is not an address a token may be sent to.
        h.Handler.Reply(() => Responses.Ok(Samples.JsonBlock("sf-oauth-client-credentials-token.http")));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Contains("instance_url", e.ServerMessage, StringComparison.Ordinal);
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task Token_DocumentedSample_GivesOrgAndUserFromTheIdentityUrl()
    {
        using var h = new SalesforceHarness().WithSession();

        var session = await h.Client.GetSessionAsync();

        Assert.Equal("00fdg000000dfgfgs", session.OrganizationId);
        Assert.Equal("00gfd000000fsdghjr", session.UserId);
        Assert.DoesNotContain("token-1", session.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_PlainHttpInstance_IsRefusedUnlessLoopback()
    {
        using var h = new SalesforceHarness();
        h.Handler.Reply(() => Responses.Token("token-1", "http://acme.my.salesforce.com"));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetSessionAsync());

        Assert.Contains("not an https URL", e.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_InvalidClient_IsOneExceptionWithTheOAuthError()
    {
        using var h = new SalesforceHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.BadRequest, """{"error":"invalid_client","error_description":"invalid client credentials"}"""));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => h.Client.GetContactAsync(ContactId));

        Assert.Equal(400, e.Status);
        Assert.Equal("invalid_client", e.ErrorCode);
        Assert.Equal("invalid client credentials", e.ServerMessage);
        Assert.False(e.IsRetryLater);
    }

    [Fact]
    public async Task Token_OneSession_ServesManyRequests()
    {
        using var h = new SalesforceHarness().WithSession(
            () => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""),
            () => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""));

        await h.Client.RetrieveAsync("Contact", ContactId, ["Id"]);
        await h.Client.RetrieveAsync("Contact", ContactId, ["Id"]);

        Assert.Single(h.Handler.Requests, r => r.Uri.EndsWith("/services/oauth2/token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_OlderThanSessionMaxAge_IsRenewedBeforeUse()
    {
        using var h = new SalesforceHarness(o => o.SessionMaxAge = TimeSpan.FromMinutes(30)).WithSession(() => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""));
        await h.Client.RetrieveAsync("Contact", ContactId, ["Id"]);
        h.Time.Advance(TimeSpan.FromMinutes(30));
        h.Handler.Reply(() => Responses.Token("token-2")).Reply(() => Responses.Ok("""{"Id":"0031U00000JajaoQAB"}"""));

        await h.Client.RetrieveAsync("Contact", ContactId, ["Id"]);

        Assert.Equal("Bearer token-2", h.Handler.Requests[^1].Header("Authorization"));
    }
}
