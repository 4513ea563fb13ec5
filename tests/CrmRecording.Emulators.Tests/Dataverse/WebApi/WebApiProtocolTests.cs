using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse;

namespace CrmRecording.Emulators.Tests.Dataverse.WebApi;

/// <summary>What every request meets: the bearer check, the OData version, unknown resources, error details, the request journal.</summary>
public sealed class WebApiProtocolTests : IAsyncLifetime
{
    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync();

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Request_WithoutBearer_Answers401WithTenantChallenge()
    {
        using var request = session.Request(HttpMethod.Get, "contacts", authorize: false);
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Dataverse's parameters are unquoted URLs, which HttpClient's typed header parser rejects: read it raw.
        Assert.Equal(
            $"Bearer authorization_uri=https://login.microsoftonline.com/{session.StandIn.Options.TenantId}/oauth2/authorize, resource_id={session.StandIn.BaseAddress}",
            response.Headers.NonValidated["WWW-Authenticate"].ToString());
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_WithWrongBearer_Answers401()
    {
        using var request = session.Request(HttpMethod.Get, "contacts", authorize: false);
        request.Headers.Authorization = new("Bearer", session.StandIn.Options.BearerToken + "x");
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_ODataVersion3_Answers400()
    {
        using var request = session.Request(HttpMethod.Get, "contacts");
        request.Headers.Remove("OData-Version");
        request.Headers.Add("OData-Version", "3.0");
        using var response = await session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Request_UnknownEntitySet_Answers404ResourceNotFoundForSegment()
    {
        using var response = await session.GetAsync("Account");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x8006088a", error.GetProperty("code").GetString());
        Assert.Equal("Resource not found for the segment 'Account'.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Request_UnsupportedExpand_Answers400SayingSo()
    {
        using var response = await session.GetAsync("contacts?$expand=parentcustomerid_account");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$expand", (await StandInSession.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_WithIncludeAnnotations_HasTheDocumentedDetailAnnotations()
    {
        using var response = await session.GetAsync($"contacts({Guid.NewGuid()})", ("Prefer", "odata.include-annotations=\"*\""));

        var error = (await StandInSession.JsonAsync(response)).GetProperty("error");
        using var documented = JsonDocument.Parse(DocumentedSamples.WebApiErrorWithAnnotations);
        var documentedKeys = documented.RootElement.GetProperty("error").EnumerateObject().Select(p => p.Name).ToHashSet();
        var keys = error.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Subset(documentedKeys, keys.ToHashSet());
        Assert.Contains("@Microsoft.PowerApps.CDS.HelpLink", keys);
        Assert.Equal("http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a80040217&client=platform", error.GetProperty("@Microsoft.PowerApps.CDS.HelpLink").GetString());
    }

    [Fact]
    public async Task Journal_RecordsMethodUrlHeadersAndBody()
    {
        using var response = await session.SendAsync(HttpMethod.Post, "contacts", """{"lastname":"Journal"}""", ("Prefer", "return=representation"));

        var recorded = session.StandIn.Requests.All[^1];
        Assert.Equal("POST", recorded.Method);
        Assert.Equal(new Uri(session.Api, "contacts"), recorded.Url);
        Assert.Equal("4.0", recorded.Header("odata-version"));
        Assert.Equal($"Bearer {session.StandIn.Options.BearerToken}", recorded.Header("Authorization"));
        Assert.Equal("return=representation", recorded.Header("Prefer"));
        Assert.Equal("""{"lastname":"Journal"}""", recorded.Body);
    }

    [Fact]
    public async Task TokenEndpoint_ClientCredentials_IssuesTheStandInToken()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Guid.NewGuid().ToString(),
            ["client_secret"] = "unused",
            ["scope"] = $"{session.StandIn.BaseAddress}.default",
        });
        using var response = await session.Http.PostAsync(new Uri(session.StandIn.BaseAddress, $"{session.StandIn.Options.TenantId}/oauth2/v2.0/token"), content);

        var body = await StandInSession.JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(session.StandIn.Options.BearerToken, body.GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task Start_Twice_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.StandIn.StartAsync());
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingEachProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataverseStandIn(new DataverseStandInOptions { BearerToken = " ", MaxDepth = 0 }));

        Assert.Contains("BearerToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_Twice_IsHarmlessAndStartAfterwardsThrows()
    {
        var standIn = new DataverseStandIn();
        await standIn.StartAsync();

        await standIn.DisposeAsync();
        await standIn.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => standIn.StartAsync());
    }

    [Fact]
    public async Task Start_WithoutSeed_HasNoRows()
    {
        await using var empty = new DataverseStandIn(new DataverseStandInOptions { LoadSeedData = false });
        await empty.StartAsync();

        Assert.Empty(empty.GetRows("contacts"));
        Assert.Equal("127.0.0.1", empty.BaseAddress.Host);
    }
}
