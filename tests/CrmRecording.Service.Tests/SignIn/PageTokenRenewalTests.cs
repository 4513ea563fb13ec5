using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>Embedded pages renew their token without cookies, until the sign-in's absolute end; the cookie stops there too.</summary>
public sealed class PageTokenRenewalTests : IDisposable
{
    private readonly SignInHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Renew_EveryEightMinutes_GoesOnUntilEightHoursThenRefuses()
    {
        using var browser = _host.NewBrowser();
        var message = (await browser.SignInWithPopupAsync("Riley Chen")).SignInMessage();
        var token = message.GetProperty("token").GetString()!;
        var sessionEnd = DateTimeOffset.FromUnixTimeSeconds(long.Parse(new JsonWebToken(token).GetClaim("session_exp").Value, System.Globalization.CultureInfo.InvariantCulture));
        var renewals = 0;
        JsonElement last = default;

        while (true)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(8));
            var (response, body) = await _host.RenewAsync(token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                break;
            }

            renewals++;
            last = body;
            token = body.GetProperty("token").GetString()!;
            Assert.True(renewals < 100, "renewal never stopped");
        }

        Assert.Equal(59, renewals);
        var lastToken = new JsonWebToken(last.GetProperty("token").GetString());
        Assert.Equal(sessionEnd.UtcDateTime, lastToken.ValidTo);
        Assert.Equal(sessionEnd, last.GetProperty("sessionExpiresAt").GetDateTimeOffset());
        Assert.True(_host.Clock.GetUtcNow() > sessionEnd);
    }

    [Fact]
    public async Task Renew_ExpiredToken_Is401()
    {
        using var browser = _host.NewBrowser();
        var token = (await browser.SignInWithPopupAsync("Riley Chen")).SignInMessage().GetProperty("token").GetString()!;

        _host.Clock.Advance(TimeSpan.FromMinutes(12));
        var (response, _) = await _host.RenewAsync(token);
        using var api = _host.Api(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/calls/manual-starts")).StatusCode);
    }

    [Fact]
    public async Task Renew_TokenOfAnotherIssuer_Is401()
    {
        using var api = _host.Api(null);
        var minted = await api.PostAsync("/sandbox/token", JsonContent(new { userId = SeedData.Users.SalesRep }));
        var sandboxToken = (await SignInHost.JsonAsync(minted)).GetProperty("access_token").GetString()!;

        var (response, _) = await _host.RenewAsync(sandboxToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Renew_UserRemovedFromTheCrm_Is403()
    {
        using var browser = _host.NewBrowser();
        var token = (await browser.SignInWithPopupAsync("Riley Chen")).SignInMessage().GetProperty("token").GetString()!;
        var dataverse = _host.Factory.Services.GetService(typeof(CrmRecording.Service.Sandbox.SandboxDataverse)) as CrmRecording.Service.Sandbox.SandboxDataverse;
        var row = dataverse!.StandIn.GetRow("systemusers", SeedData.Users.SalesRep)!;
        row["azureactivedirectoryobjectid"] = Guid.NewGuid().ToString("D");
        dataverse.StandIn.PutRow("systemusers", row);

        // The CRM's answer is reused for a minute (Playback:AccessCacheSeconds), as for every API call.
        _host.Clock.Advance(TimeSpan.FromSeconds(61));
        var (response, body) = await _host.RenewAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Not a CRM user", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task SessionCookie_SlidesWhileUsedButEndsAtEightHours()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Riley Chen");
        var used = TimeSpan.Zero;
        HttpStatusCode status;
        do
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(15));
            used += TimeSpan.FromMinutes(15);
            status = (await browser.Http.PostAsync(browser.At("/signin/token"), null)).StatusCode;
        }
        while (status == HttpStatusCode.OK && used < TimeSpan.FromHours(9));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(TimeSpan.FromHours(8), used);
    }

    [Fact]
    public async Task SessionCookie_IdleLongerThanTwentyMinutes_Ends()
    {
        using var browser = _host.NewBrowser();
        await browser.SignInAsync("Riley Chen");

        _host.Clock.Advance(TimeSpan.FromMinutes(21));
        var response = await browser.Http.PostAsync(browser.At("/signin/token"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
