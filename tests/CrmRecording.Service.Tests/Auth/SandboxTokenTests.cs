using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Tests.Playback;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Auth;

/// <summary><c>POST /sandbox/token</c>: tokens for seeded CRM users in sandbox mode, and nothing of it in remote mode.</summary>
public sealed class SandboxTokenTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    [Fact]
    public async Task SandboxToken_ForTheReviewerByUserId_PlaysARecording()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000);
        using var client = fixture.WithToken(null);

        using var minted = await client.PostAsJsonAsync("/sandbox/token", new { userId = SeedData.Users.ComplianceReviewer });
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var body = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(SeedData.EntraObjectIds.ComplianceReviewer, body.GetProperty("entraObjectId").GetGuid());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());

        using var audio = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal(seeded.Audio, await audio.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SandboxToken_ByEntraObjectId_IsForThatUser()
    {
        var seeded = await fixture.SeedAsync(PlaybackFixture.OtherRep, 1000);
        using var client = fixture.WithToken(null);

        using var minted = await client.PostAsJsonAsync("/sandbox/token", new { entraObjectId = PlaybackFixture.OtherRepEntraId });
        var body = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());

        Assert.Equal(PlaybackFixture.OtherRep, body.GetProperty("userId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(seeded.AudioUrl)).StatusCode);
    }

    [Fact]
    public async Task SandboxToken_UnknownUser_Is404AndNoUser_Is400()
    {
        using var client = fixture.WithToken(null);

        using var unknown = await client.PostAsJsonAsync("/sandbox/token", new { userId = Guid.NewGuid() });
        using var neither = await client.PostAsJsonAsync("/sandbox/token", new { });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
    }

    [Fact]
    public async Task SandboxToken_RemoteMode_NeitherEndpointNorIssuerExists()
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        foreach (var (key, value) in RemoteSettings())
        {
            factory.Settings[key] = value;
        }

        using var client = factory.CreateClient();
        using var minted = await client.PostAsJsonAsync("/sandbox/token", new { userId = SeedData.Users.ComplianceReviewer });
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal(HttpStatusCode.NotFound, minted.StatusCode);
        Assert.Null(await schemes.GetSchemeAsync(CrmRecording.Service.Auth.CallerAuthentication.SandboxScheme));
        Assert.Null(factory.Services.GetService<CrmRecording.Service.Auth.SandboxTokenIssuer>());
        Assert.NotNull(await schemes.GetSchemeAsync("Bearer:0"));
    }

    [Fact]
    public void Start_RemoteModeWithoutIssuers_FailsNamingAuthIssuers()
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        foreach (var (key, value) in RemoteSettings().Where(s => !s.Key.StartsWith("Auth:", StringComparison.Ordinal)))
        {
            factory.Settings[key] = value;
        }

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Auth:Issuers", ex.ToString(), StringComparison.Ordinal);
    }

    internal static IEnumerable<KeyValuePair<string, string?>> RemoteSettings() =>
    [
        new("Dataverse:Mode", "remote"),
        new("Dataverse:WebhookKey", "a-webhook-key-of-at-least-24-chars"),
        new("Dataverse:EnvironmentUrl", "https://org.crm.dynamics.example"),
        new("Dataverse:TenantId", "e0000000-0000-4000-8000-000000000001"),
        new("Dataverse:ClientId", "c1000000-0000-4000-8000-000000000001"),
        new("Dataverse:ClientSecret", "secret"),
        new("Twilio:AccountSid", "AC0123456789abcdef0123456789abcdef"),
        new("Twilio:AuthToken", "0123456789abcdef0123456789abcdef"),
        new("Twilio:PublicBaseUrl", "https://media.example.com/"),
        new("Twilio:CallerId", "+14155550100"),
        new("Pages:SignIn:Authority", "https://login.microsoftonline.com/e0000000-0000-4000-8000-000000000001/v2.0"),
        new("Pages:SignIn:ClientId", "c2000000-0000-4000-8000-000000000001"),
        new("Pages:SignIn:ClientSecret", "pages-secret"),
        .. TestTokens.Settings(),
    ];
}
