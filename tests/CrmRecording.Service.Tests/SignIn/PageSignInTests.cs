using System.Net;
using CrmRecording.Emulators.OpenId;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>Top-level pages: the OpenID Connect round trip through the sandbox provider to a session cookie.</summary>
public sealed class PageSignInTests : IDisposable
{
    private readonly SignInHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task SignIn_PickerThenCallback_SetsTheSessionCookieAndReturnsToTheLocalPath()
    {
        using var browser = _host.NewBrowser();

        var picker = await browser.GoAsync(browser.At("/signin?returnUrl=%2Frecordings%2Fabc%3Fat%3D12"));
        var back = await browser.ClickAsync(picker, "Riley Chen");

        Assert.Equal(_host.Provider!.Authority, picker.Url.GetLeftPart(UriPartial.Authority));
        Assert.Contains(">Sam Okafor</button>", picker.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Media Service", picker.Html, StringComparison.Ordinal);
        var callback = browser.History.Single(u => u.AbsolutePath == "/signin-oidc");
        Assert.Equal(browser.Service.Authority, callback.Authority);
        Assert.Equal("/recordings/abc?at=12", back.Url.PathAndQuery);
        var cookie = browser.SessionCookie();
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.False(cookie.Secure);
        Assert.Equal("/", cookie.Path);
        Assert.Equal(DateTime.MinValue, cookie.Expires);
    }

    [Fact]
    public async Task SignIn_SessionCookieHeader_IsHttpOnlyAndLax()
    {
        using var browser = _host.NewBrowser();
        var picker = await browser.GoAsync(browser.At("/signin"));
        var form = System.Text.RegularExpressions.Regex.Match(picker.Html, "name=\"request\" value=\"([^\"]+)\"").Groups[1].Value;
        var user = System.Text.RegularExpressions.Regex.Match(picker.Html, "value=\"([^\"]+)\"[^>]*>Sam Okafor<").Groups[1].Value;
        var pick = await browser.Http.PostAsync(new Uri(picker.Url, "/authorize/pick"), new FormUrlEncodedContent(new Dictionary<string, string> { ["request"] = form, ["user"] = user }));

        var callback = await browser.Http.GetAsync(pick.Headers.Location);

        Assert.Equal(HttpStatusCode.Found, callback.StatusCode);
        var setCookie = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("crr.session=", StringComparison.Ordinal));
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_AlreadySignedIn_GoesStraightBackWithoutTheProvider()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Riley Chen");
        browser.History.Clear();

        var again = await browser.GoAsync(browser.At("/signin?returnUrl=/dialer"));

        Assert.Equal("/dialer", again.Url.AbsolutePath);
        Assert.DoesNotContain(browser.History, u => u.Authority == new Uri(_host.Provider!.Authority).Authority);
    }

    [Theory]
    [InlineData("//evil.example/path")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("recordings/1")]
    public async Task SignIn_ReturnUrlNotALocalPath_Is400AndNoChallenge(string returnUrl)
    {
        using var browser = _host.NewBrowser();

        var response = await browser.Http.GetAsync(browser.At("/signin?returnUrl=" + (returnUrl.Contains('%', StringComparison.Ordinal) ? returnUrl : Uri.EscapeDataString(returnUrl))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("local path", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_Replayed_Is400AndSignsNobodyIn()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Riley Chen");
        var callback = browser.History.Single(u => u.AbsolutePath == "/signin-oidc");
        using var attacker = _host.NewBrowser();

        var replay = await attacker.GoAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Response.StatusCode);
        Assert.Contains("Sign-in did not complete", replay.Html, StringComparison.Ordinal);
        Assert.Null(attacker.SessionCookie());
    }

    [Fact]
    public async Task Callback_StateTampered_Is400()
    {
        using var browser = _host.NewBrowser();
        var picker = await browser.GoAsync(browser.At("/signin"));
        var form = System.Text.RegularExpressions.Regex.Match(picker.Html, "name=\"request\" value=\"([^\"]+)\"").Groups[1].Value;
        var user = System.Text.RegularExpressions.Regex.Match(picker.Html, "value=\"([^\"]+)\"[^>]*>Riley Chen<").Groups[1].Value;
        var pick = await browser.Http.PostAsync(new Uri(picker.Url, "/authorize/pick"), new FormUrlEncodedContent(new Dictionary<string, string> { ["request"] = form, ["user"] = user }));
        var tampered = System.Text.RegularExpressions.Regex.Replace(pick.Headers.Location!.AbsoluteUri, "state=([^&]{10})", "state=AAAAAAAAAA");

        var response = await browser.Http.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.SessionCookie());
    }

    [Fact]
    public async Task SignIn_CancelledAtTheProvider_Is400PageNotAnError500()
    {
        using var browser = _host.NewBrowser();
        var picker = await browser.GoAsync(browser.At("/signin"));

        var back = await browser.ClickAsync(picker, "Cancel");

        Assert.Equal(HttpStatusCode.BadRequest, back.Response.StatusCode);
        Assert.Equal("/signin-oidc", back.Url.AbsolutePath);
        Assert.Contains("sign-in-failed", back.Html, StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie());
    }

    [Fact]
    public async Task SignIn_PersonTheProviderKnowsButTheCrmDoesNot_Is403AndNoSession()
    {
        var stranger = new OpenIdUser(Guid.Parse("aad00000-0000-4000-8000-0000000000ff"), "Casey Stranger", "casey@elsewhere.example");
        var seeded = _host.Provider!.StandIn.Options.Users;
        _host.Provider.StandIn.Options.Users = () => [.. seeded(), stranger];
        using var browser = _host.NewBrowser();

        var back = await browser.SignInAsync("Casey Stranger");

        Assert.Equal(HttpStatusCode.Forbidden, back.Response.StatusCode);
        Assert.Contains("Casey Stranger", back.Html, StringComparison.Ordinal);
        Assert.Equal("not-a-crm-user", back.SignInMessage().GetProperty("error").GetString());
        Assert.Null(browser.SessionCookie());
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Riley Chen");
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.PostAsync(browser.At("/signin/token"), null)).StatusCode);

        var signOut = await browser.Http.PostAsync(browser.At("/signout"), null);
        var after = await browser.Http.PostAsync(browser.At("/signin/token"), null);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
