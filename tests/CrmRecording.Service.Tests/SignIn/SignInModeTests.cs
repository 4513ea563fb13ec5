using System.Net;
using CrmRecording.Emulators.OpenId;
using CrmRecording.Service.Sandbox;
using CrmRecording.Service.Tests.Auth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>Remote mode: the configured provider is required and used; the sandbox's provider does not exist.</summary>
public sealed class SignInModeTests
{
    private static readonly string[] SandboxProviderPaths = ["/.well-known/openid-configuration", "/authorize", "/jwks", "/token", "/sandbox/oidc/authorize", "/sandbox/token"];

    [Fact]
    public void Start_RemoteModeWithoutSignInSettings_FailsNamingThem()
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        foreach (var (key, value) in SandboxTokenTests.RemoteSettings().Where(s => !s.Key.StartsWith("Pages:", StringComparison.Ordinal)))
        {
            factory.Settings[key] = value;
        }

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Pages:SignIn:Authority is required in remote mode", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example.com/tenant/v2.0", "pages", "secret", "must be an absolute https URL")]
    [InlineData("https://login.example.com/tenant/v2.0", "pages", null, "ClientId and Pages:SignIn:ClientSecret are required")]
    public void Start_SignInSettingsInvalid_FailsNamingThem(string authority, string clientId, string? secret, string expected)
    {
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        factory.Settings["Pages:SignIn:Authority"] = authority;
        factory.Settings["Pages:SignIn:ClientId"] = clientId;
        factory.Settings["Pages:SignIn:ClientSecret"] = secret;

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(expected, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteMode_SignsInWithTheConfiguredProviderAndHasNoSandboxProvider()
    {
        await using var entra = new OpenIdStandIn();
        await entra.StartAsync();
        using var factory = new ServiceFactory { Crm = new CrmRecording.Testing.FakeCrm() };
        foreach (var (key, value) in SandboxTokenTests.RemoteSettings())
        {
            factory.Settings[key] = value;
        }

        factory.Settings["Pages:SignIn:Authority"] = entra.Issuer;
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signIn = await client.GetAsync("/signin?returnUrl=/recordings/1");
        var sandboxPaths = await Task.WhenAll(
            SandboxProviderPaths.Select(p => client.GetAsync(p)));

        Assert.Null(factory.Services.GetService<SandboxOpenId>());
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var location = signIn.Headers.Location!;
        Assert.Equal(entra.Issuer + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("c2000000-0000-4000-8000-000000000001", query["client_id"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.All(sandboxPaths, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
    }
}
