using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>Embedded pages: the popup's round trip ends on a page that hands a page token to its opener; the API takes it.</summary>
public sealed class PopupSignInTests : IDisposable
{
    private readonly SignInHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Popup_LastPage_CarriesAPageTokenForTheOpenerAndIsNeitherCachedNorFramed()
    {
        using var browser = _host.NewBrowser();

        var page = await browser.SignInWithPopupAsync("Sam Okafor");
        var message = page.SignInMessage();

        Assert.Equal("/signin/popup/complete", page.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("crr-signin", message.GetProperty("type").GetString());
        Assert.Equal("Sam Okafor", message.GetProperty("user").GetProperty("name").GetString());
        Assert.Contains("<script type=\"module\" src=\"/js/signin-popup.js\"></script>", page.Html, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Response.Headers.CacheControl?.ToString());
        var csp = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());

        var token = new JsonWebToken(message.GetProperty("token").GetString());
        Assert.Equal("urn:crmrecording:pages", token.Issuer);
        Assert.Equal(["urn:crmrecording:api"], token.Audiences);
        Assert.Equal(SeedData.EntraObjectIds.ComplianceReviewer.ToString("D"), token.GetClaim("oid").Value);
        Assert.Equal(TimeSpan.FromMinutes(10), token.ValidTo - token.IssuedAt);
        Assert.Equal(token.ValidTo, message.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(600, message.GetProperty("expiresIn").GetInt32());
        var sessionEnd = DateTimeOffset.FromUnixTimeSeconds(long.Parse(token.GetClaim("session_exp").Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(_host.Clock.GetUtcNow().AddHours(8).ToUnixTimeSeconds(), sessionEnd.ToUnixTimeSeconds(), tolerance: 2);
    }

    [Fact]
    public async Task PopupScript_PostsOnlyToTheServicesOwnOrigin()
    {
        using var browser = _host.NewBrowser();

        var script = await browser.Http.GetStringAsync(browser.At("/js/signin-popup.js"));

        Assert.Contains("window.opener.postMessage(data, window.location.origin)", script, StringComparison.Ordinal);
        Assert.DoesNotContain("'*'", script, StringComparison.Ordinal);
        Assert.DoesNotContain("localStorage", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageToken_IsAcceptedByTheCallsAndRecordingsApiAsTheCrmUser()
    {
        using var reviewer = _host.NewBrowser();
        using var director = _host.NewBrowser();
        var reviewerToken = (await reviewer.SignInWithPopupAsync("Sam Okafor")).SignInMessage().GetProperty("token").GetString();
        var directorToken = (await director.SignInWithPopupAsync("Dana Whitfield")).SignInMessage().GetProperty("token").GetString();
        using var asReviewer = _host.Api(reviewerToken);
        using var asDirector = _host.Api(directorToken);
        using var anonymous = _host.Api(null);
        var recording = "/api/recordings/" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        Assert.Equal(HttpStatusCode.OK, (await asReviewer.GetAsync("/api/calls/manual-starts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asDirector.GetAsync("/api/calls/manual-starts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/calls/manual-starts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asReviewer.GetAsync(recording)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(recording)).StatusCode);
    }

    [Fact]
    public async Task PageToken_SignedWithAnotherKey_IsRefusedByTheApiAndByRenewal()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "urn:crmrecording:pages",
            Audience = "urn:crmrecording:api",
            Expires = _host.Clock.GetUtcNow().AddMinutes(5).UtcDateTime,
            Claims = new Dictionary<string, object> { ["oid"] = SeedData.EntraObjectIds.ComplianceReviewer.ToString("D"), ["session_exp"] = _host.Clock.GetUtcNow().AddHours(8).ToUnixTimeSeconds() },
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]), "HS256"),
        });
        using var api = _host.Api(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/calls/manual-starts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.RenewAsync(forged)).Response.StatusCode);
    }

    [Fact]
    public async Task Popup_WhenAlreadySignedInAtTopLevel_SkipsTheProvider()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Morgan Blake");
        browser.History.Clear();

        var page = await browser.GoAsync(browser.At("/signin/popup"));

        Assert.Equal("/signin/popup/complete", page.Url.AbsolutePath);
        Assert.Equal("Morgan Blake", page.SignInMessage().GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(2, browser.History.Count);
    }

    [Fact]
    public async Task PopupComplete_WithoutASession_Is401PageWithoutToken()
    {
        using var browser = _host.NewBrowser();

        var page = await browser.GoAsync(browser.At("/signin/popup/complete"));

        Assert.Equal(HttpStatusCode.Unauthorized, page.Response.StatusCode);
        Assert.Equal("crr-signin-error", page.SignInMessage().GetProperty("type").GetString());
        Assert.False(page.SignInMessage().TryGetProperty("token", out _));
    }

    [Fact]
    public async Task CookieToken_CrossSiteRequest_Is403()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Riley Chen");
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, browser.At("/signin/token"));
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var otherOrigin = new HttpRequestMessage(HttpMethod.Post, browser.At("/signin/token"));
        otherOrigin.Headers.Add("Origin", "https://evil.example");
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, browser.At("/signin/token"));
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.SendAsync(crossSite)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.SendAsync(otherOrigin)).StatusCode);
        var ok = await browser.Http.SendAsync(sameOrigin);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Riley Chen", (await SignInHost.JsonAsync(ok)).GetProperty("user").GetProperty("name").GetString());
    }
}
