using System.Security.Cryptography;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Salesforce;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>The token endpoint's two flows, checked as Salesforce checks them, and data only on the instance host.</summary>
public sealed class SalesforceSignInTests
{
    [Fact]
    public async Task ClientCredentials_SessionRunsAsTheIntegrationUserOnTheInstanceHost()
    {
        await using var s = await SalesforceSession.StartAsync();

        var session = await s.Client.GetSessionAsync();

        Assert.Equal(SalesforceSeed.Users.Integration, session.UserId);
        Assert.Equal(SalesforceSeed.OrganizationId, session.OrganizationId);
        Assert.Equal(s.StandIn.InstanceAddress.GetLeftPart(UriPartial.Authority), session.InstanceUrl.GetLeftPart(UriPartial.Authority));
        Assert.NotEqual(s.StandIn.LoginAddress.Port, session.InstanceUrl.Port);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsInvalidClient()
    {
        await using var s = await SalesforceSession.StartAsync();
        using var client = s.NewClient(o => o.ClientSecret = "not-the-secret");

        var e = await Assert.ThrowsAsync<SalesforceException>(() => client.GetSessionAsync());

        Assert.Equal((400, "invalid_client"), (e.Status, e.ErrorCode));
    }

    [Fact]
    public async Task JwtBearer_SignedByTheAppsKey_RunsAsTheNamedUser()
    {
        await using var s = await SalesforceSession.StartAsync();
        using var client = s.NewClient(o => SalesforceSession.JwtBearer(o, SalesforceSeed.Usernames.SalesRep, s.Key));

        var session = await client.GetSessionAsync();

        Assert.Equal(SalesforceSeed.Users.SalesRep, session.UserId);
    }

    [Fact]
    public async Task JwtBearer_SignedByAnotherKey_IsInvalidGrant()
    {
        await using var s = await SalesforceSession.StartAsync();
        using var other = RSA.Create(2048);
        using var client = s.NewClient(o => SalesforceSession.JwtBearer(o, SalesforceSeed.Usernames.SalesRep, other));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => client.GetSessionAsync());

        Assert.Equal("invalid_grant", e.ErrorCode);
        Assert.Contains("signature", e.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JwtBearer_UnknownUser_IsInvalidGrant()
    {
        await using var s = await SalesforceSession.StartAsync();
        using var client = s.NewClient(o => SalesforceSession.JwtBearer(o, "nobody@crmrecording.example", s.Key));

        var e = await Assert.ThrowsAsync<SalesforceException>(() => client.GetSessionAsync());

        Assert.Equal(("invalid_grant", "user hasn't approved this consumer"), (e.ErrorCode, e.ServerMessage));
    }

    [Fact]
    public async Task JwtBearer_WrongAudience_IsInvalidGrant()
    {
        await using var s = await SalesforceSession.StartAsync();
        using var client = s.NewClient(o =>
        {
            SalesforceSession.JwtBearer(o, SalesforceSeed.Usernames.SalesRep, s.Key);
            o.Audience = new Uri("https://login.salesforce.com");
        });

        var e = await Assert.ThrowsAsync<SalesforceException>(() => client.GetSessionAsync());

        Assert.Equal(("invalid_grant", "audience is invalid"), (e.ErrorCode, e.ServerMessage));
    }

    [Fact]
    public async Task LoginHost_DataRequest_IsNotServed()
    {
        await using var s = await SalesforceSession.StartAsync();
        var session = await s.Client.GetSessionAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(s.StandIn.LoginAddress, "services/data/v66.0/query?q=SELECT+Id+FROM+Contact"));
        request.Headers.Authorization = new("Bearer", session.AccessToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
