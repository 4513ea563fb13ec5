using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>
/// The pages' sign-in against a standards-certified provider (npm oidc-provider, with pushed authorization
/// requests, PKCE and client_secret_post), in place of the sandbox's own, with the sandbox CRM behind it.
/// </summary>
public sealed partial class OidcProviderInteropTests : IAsyncLifetime
{
    private const string ClientId = "crmrecording-pages";
    private const string ClientSecret = "interop-client-secret-0123456789";
    private OidcProviderProcess? _provider;
    private SignInHost? _host;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OidcProviderFactAttribute.Variable)))
        {
            return;
        }

        // The provider registers the exact redirect URI, so the service's port is chosen first.
        var port = FreePort();
        _provider = await OidcProviderProcess.StartAsync(ClientId, ClientSecret, new Uri($"http://127.0.0.1:{port}/signin-oidc"),
        [
            new { id = "riley", oid = SeedData.EntraObjectIds.SalesRep.ToString("D"), name = "Riley Chen", preferred_username = "riley.chen@contoso.example" },
            new { id = "casey", oid = "aad00000-0000-4000-8000-0000000000ff", name = "Casey Stranger", preferred_username = "casey@elsewhere.example" },
        ]);
        _host = new SignInHost(factory =>
        {
            factory.Settings["Pages:SignIn:Authority"] = _provider.Issuer;
            factory.Settings["Pages:SignIn:ClientId"] = ClientId;
            factory.Settings["Pages:SignIn:ClientSecret"] = ClientSecret;
        }, port);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [OidcProviderFact]
    public async Task Popup_CrmUserAtTheCertifiedProvider_GetsAPageTokenTheApiAccepts()
    {
        using var browser = _host!.NewBrowser();

        var page = await SignInAsync(browser, "riley");
        var message = page.SignInMessage();
        using var api = _host.Api(message.GetProperty("token").GetString());

        Assert.Null(_host.Provider);
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("Riley Chen", message.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(SeedData.EntraObjectIds.SalesRep, message.GetProperty("user").GetProperty("oid").GetGuid());
        Assert.Contains(browser.History, u => u.AbsoluteUri.StartsWith(_provider!.Issuer, StringComparison.Ordinal) && u.Query.Contains("request_uri=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/calls/manual-starts")).StatusCode);
    }

    [OidcProviderFact]
    public async Task Popup_AccountWithoutACrmUser_IsRefusedWith403()
    {
        using var browser = _host!.NewBrowser();

        var page = await SignInAsync(browser, "casey");

        Assert.Equal(HttpStatusCode.Forbidden, page.Response.StatusCode);
        Assert.Equal("not-a-crm-user", page.SignInMessage().GetProperty("error").GetString());
        Assert.Null(browser.SessionCookie());
    }

    /// <summary>The popup through oidc-provider's development login form (any password) and its consent form.</summary>
    private static async Task<Page> SignInAsync(SignInBrowser browser, string account)
    {
        var login = await browser.GoAsync(browser.At("/signin/popup"));
        Assert.Equal(HttpStatusCode.OK, login.Response.StatusCode);
        var consent = await SubmitAsync(browser, login, new() { ["prompt"] = "login", ["login"] = account, ["password"] = "any" });
        Assert.Contains("name=\"prompt\" value=\"consent\"", consent.Html, StringComparison.Ordinal);
        return await SubmitAsync(browser, consent, new() { ["prompt"] = "consent" });
    }

    private static async Task<Page> SubmitAsync(SignInBrowser browser, Page page, Dictionary<string, string> fields)
    {
        var action = new Uri(page.Url, WebUtility.HtmlDecode(FormAction().Match(page.Html).Groups[1].Value));
        var response = await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await browser.GoAsync(new Uri(action, response.Headers.Location!));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
