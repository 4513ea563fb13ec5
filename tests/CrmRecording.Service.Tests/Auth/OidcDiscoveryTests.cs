using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Tests.Playback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmRecording.Service.Tests.Auth;

/// <summary>
/// An issuer configured by <c>MetadataAddress</c>, as Entra ID is: an identity provider on loopback publishes an
/// OpenID Connect discovery document and its RSA key set, and the service validates RS256 tokens with them.
/// </summary>
public sealed class OidcDiscoveryTests : IAsyncLifetime, IDisposable
{
    private const string Audience = "api://crmrecording";
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication? _idp;
    private string _root = string.Empty;
    private string _issuer = string.Empty;
    private ServiceFactory? _service;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _idp = builder.Build();
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        _idp.MapGet("/tenant/v2.0/.well-known/openid-configuration", (HttpContext context) => Results.Text(
            $$"""{"issuer":"{{_issuer}}","jwks_uri":"{{_root}}/tenant/discovery/v2.0/keys","id_token_signing_alg_values_supported":["RS256"]}""", "application/json"));
        _idp.MapGet("/tenant/discovery/v2.0/keys", () => Results.Text(
            $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"key-1","n":"{{Base64UrlEncoder.Encode(parameters.Modulus)}}","e":"{{Base64UrlEncoder.Encode(parameters.Exponent)}}"}]}""", "application/json"));
        await _idp.StartAsync();
        _root = _idp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _issuer = $"{_root}/tenant/v2.0";

        _service = new ServiceFactory();
        _service.Settings["Auth:Issuers:0:Issuer"] = _issuer;
        _service.Settings["Auth:Issuers:0:Audience"] = Audience;
        _service.Settings["Auth:Issuers:0:MetadataAddress"] = $"{_issuer}/.well-known/openid-configuration";
    }

    public async Task DisposeAsync()
    {
        // The service first: its key refreshes must not find the identity provider gone.
        _service?.Dispose();
        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _rsa.Dispose();
    }

    private string Token(SigningCredentials credentials, string? issuer = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? _issuer,
            Audience = Audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(30),
            Subject = new ClaimsIdentity([new Claim("sub", "entra-sub"), new Claim("oid", SeedData.EntraObjectIds.ComplianceReviewer.ToString("D"))]),
            SigningCredentials = credentials,
        });
    }

    private async Task<HttpStatusCode> PlayAsync(string token)
    {
        var recording = await Seed();
        using var client = _service!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync(new Uri($"/api/recordings/{recording}/audio", UriKind.Relative))).StatusCode;
    }

    private async Task<string> Seed()
    {
        _ = _service!.CreateClient();
        using var audio = new MemoryStream(PlaybackFixture.Audio(1000));
        var vault = _service.Services.GetRequiredService<CrmRecording.Vault.Recordings.RecordingVault>();
        return (await vault.ImportAsync(audio, new CrmRecording.Vault.Recordings.ImportRequest("test"))).Id.Value;
    }

    [Fact]
    public async Task Audio_Rs256TokenSignedWithThePublishedKey_IsAccepted() =>
        Assert.Equal(HttpStatusCode.OK, await PlayAsync(Token(new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "key-1" }, SecurityAlgorithms.RsaSha256))));

    [Fact]
    public async Task Audio_TokenSignedWithAnUnpublishedKey_Is401()
    {
        using var other = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, await PlayAsync(Token(new SigningCredentials(new RsaSecurityKey(other) { KeyId = "key-1" }, SecurityAlgorithms.RsaSha256))));
    }

    [Fact]
    public async Task Audio_Hs256TokenNamingTheDiscoveryIssuer_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await PlayAsync(Token(new SigningCredentials(new SymmetricSecurityKey(TestTokens.Key), SecurityAlgorithms.HmacSha256))));
}
