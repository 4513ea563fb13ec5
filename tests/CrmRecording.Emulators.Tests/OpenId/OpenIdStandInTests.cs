using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmRecording.Emulators.OpenId;
using CrmRecording.Emulators.Tests.Twilio;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Emulators.Tests.OpenId;

public sealed partial class OpenIdStandInTests : IAsyncLifetime
{
    private OpenIdSession _session = null!;

    public async Task InitializeAsync() => _session = await OpenIdSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Discovery_NamesEndpointsKeysAndS256Only()
    {
        var doc = await OpenIdSession.JsonAsync(await _session.Http.GetAsync("/.well-known/openid-configuration"));
        var issuer = _session.Provider.Issuer;

        Assert.Equal(issuer, doc.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(issuer + "/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], doc.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["RS256"], doc.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        var keys = await OpenIdSession.JsonAsync(await _session.Http.GetAsync(new Uri(doc.GetProperty("jwks_uri").GetString()!)));
        Assert.Equal("RSA", keys.GetProperty("keys")[0].GetProperty("kty").GetString());
    }

    [Fact]
    public async Task Authorize_Picker_ListsEachUserAsAButtonNamedByTheirFullName()
    {
        var (_, challenge) = OpenIdSession.NewPkce();
        var response = await _session.Http.GetAsync(OpenIdSession.AuthorizeUrl(challenge));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var buttons = UserButton().Matches(html).Select(m => (Value: m.Groups[1].Value, Text: m.Groups[2].Value)).ToList();
        Assert.Equal([(OpenIdSession.Riley.ObjectId.ToString("D"), "Riley Chen"), (OpenIdSession.Sam.ObjectId.ToString("D"), "Sam O&#x27;Kafor &lt;b&gt;")], buttons);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_CodeRedeemedWithVerifier_IdTokenCarriesNonceOidNameAndVerifiesWithTheKeySet()
    {
        var (redirect, verifier) = await _session.SignInAsync(OpenIdSession.Riley, nonce: "nonce-123");
        var query = OpenIdSession.Query(redirect);
        Assert.Equal(OpenIdSession.Callback.AbsoluteUri, redirect.GetLeftPart(UriPartial.Path));
        Assert.Equal("af0ifjsldkj", query["state"]);
        Assert.Equal(_session.Provider.Issuer, query["iss"]);

        var response = await _session.RedeemAsync(query["code"], verifier);
        var body = await OpenIdSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var idToken = body.GetProperty("id_token").GetString()!;
        var claims = VerifiedClaims(idToken, await OpenIdSession.JsonAsync(await _session.Http.GetAsync("/jwks")));
        Assert.Equal("nonce-123", claims.GetProperty("nonce").GetString());
        Assert.Equal(OpenIdSession.Riley.ObjectId.ToString("D"), claims.GetProperty("oid").GetString());
        Assert.Equal("Riley Chen", claims.GetProperty("name").GetString());
        Assert.Equal("riley.chen@contoso.example", claims.GetProperty("preferred_username").GetString());
        Assert.Equal(OpenIdSession.ClientId, claims.GetProperty("aud").GetString());
        Assert.Equal(_session.Provider.Issuer, claims.GetProperty("iss").GetString());
        Assert.NotEqual(OpenIdSession.Riley.ObjectId.ToString("D"), claims.GetProperty("sub").GetString());
        var accessTokenHash = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(body.GetProperty("access_token").GetString()!)).AsSpan(0, 16));
        Assert.Equal(accessTokenHash, claims.GetProperty("at_hash").GetString());
    }

    [Fact]
    public async Task Token_ReplayedCode_IsRefusedAsInvalidGrant()
    {
        var (redirect, verifier) = await _session.SignInAsync(OpenIdSession.Riley);
        var code = OpenIdSession.Query(redirect)["code"];
        Assert.Equal(HttpStatusCode.OK, (await _session.RedeemAsync(code, verifier)).StatusCode);

        var replay = await _session.RedeemAsync(code, verifier);
        var error = await OpenIdSession.JsonAsync(replay);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Contains("already redeemed", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WrongOrMissingVerifier_IsRefusedAndTheCodeIsSpent()
    {
        var (redirect, verifier) = await _session.SignInAsync(OpenIdSession.Riley);
        var code = OpenIdSession.Query(redirect)["code"];

        var wrong = await _session.RedeemAsync(code, OpenIdSession.NewPkce().Verifier);
        var (otherRedirect, _) = await _session.SignInAsync(OpenIdSession.Riley);
        var missing = await _session.RedeemAsync(OpenIdSession.Query(otherRedirect)["code"], verifier: null);
        var afterWrong = await _session.RedeemAsync(code, verifier);

        Assert.Contains("does not match", (await OpenIdSession.JsonAsync(wrong)).GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Contains("code_verifier is required", (await OpenIdSession.JsonAsync(missing)).GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, afterWrong.StatusCode);
    }

    [Fact]
    public async Task Token_WrongSecretOrRedirectUri_IsRefused()
    {
        var (redirect, verifier) = await _session.SignInAsync(OpenIdSession.Riley);
        var (otherRedirect, otherVerifier) = await _session.SignInAsync(OpenIdSession.Riley);

        var badSecret = await _session.RedeemAsync(OpenIdSession.Query(redirect)["code"], verifier, secret: "guess");
        var badRedirect = await _session.RedeemAsync(OpenIdSession.Query(otherRedirect)["code"], otherVerifier, redirectUri: new Uri("http://127.0.0.1:5080/elsewhere"));

        Assert.Equal(HttpStatusCode.Unauthorized, badSecret.StatusCode);
        Assert.Equal("invalid_client", (await OpenIdSession.JsonAsync(badSecret)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badRedirect.StatusCode);
        Assert.Contains("redirect_uri", (await OpenIdSession.JsonAsync(badRedirect)).GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ClientSecretBasic_IsAccepted()
    {
        var (redirect, verifier) = await _session.SignInAsync(OpenIdSession.Sam);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = OpenIdSession.Query(redirect)["code"],
                ["redirect_uri"] = OpenIdSession.Callback.AbsoluteUri,
                ["code_verifier"] = verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OpenIdSession.ClientId}:{Uri.EscapeDataString(OpenIdSession.ClientSecret)}")));

        var response = await _session.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/signin-oidc/", "Wrong return address")]
    [InlineData("http://127.0.0.1:5081/signin-oidc", "Wrong return address")]
    [InlineData("https://evil.example/signin-oidc", "Wrong return address")]
    [InlineData(null, "Wrong return address")]
    public async Task Authorize_UnregisteredRedirectUri_Is400AndNeverRedirects(string? redirectUri, string title)
    {
        var response = await _session.Http.GetAsync(OpenIdSession.AuthorizeUrl(OpenIdSession.NewPkce().Challenge, overrides: new Dictionary<string, string?> { ["redirect_uri"] = redirectUri }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnknownClient_Is400()
    {
        var response = await _session.Http.GetAsync(OpenIdSession.AuthorizeUrl(OpenIdSession.NewPkce().Challenge, overrides: new Dictionary<string, string?> { ["client_id"] = "someone-else" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("code_challenge", null, "invalid_request", "PKCE is required")]
    [InlineData("code_challenge_method", "plain", "invalid_request", "S256")]
    [InlineData("code_challenge_method", null, "invalid_request", "S256")]
    [InlineData("nonce", null, "invalid_request", "nonce is required")]
    [InlineData("response_type", "id_token", "unsupported_response_type", "response_type=code")]
    [InlineData("scope", "profile", "invalid_scope", "openid")]
    [InlineData("response_mode", "form_post", "invalid_request", "response_mode=query")]
    public async Task Authorize_FaultyRequest_GoesBackToTheClientWithTheError(string parameter, string? value, string error, string description)
    {
        var response = await _session.Http.GetAsync(OpenIdSession.AuthorizeUrl(OpenIdSession.NewPkce().Challenge, overrides: new Dictionary<string, string?> { [parameter] = value }));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = OpenIdSession.Query(response.Headers.Location!);
        Assert.Equal(OpenIdSession.Callback.AbsoluteUri, response.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal(error, query["error"]);
        Assert.Contains(description, query["error_description"], StringComparison.Ordinal);
        Assert.Equal("af0ifjsldkj", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Pick_Cancel_AnswersAccessDenied()
    {
        var picker = await _session.Http.GetStringAsync(OpenIdSession.AuthorizeUrl(OpenIdSession.NewPkce().Challenge));

        var redirect = await _session.PickAsync(picker, userValue: null, cancel: true);

        Assert.Equal("access_denied", OpenIdSession.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Pick_SamePickerTwiceOrUnknownUser_Is400()
    {
        var picker = await _session.Http.GetStringAsync(OpenIdSession.AuthorizeUrl(OpenIdSession.NewPkce().Challenge));
        await _session.PickAsync(picker, OpenIdSession.Riley.ObjectId.ToString("D"));
        var handle = Regex.Match(picker, "name=\"request\" value=\"([^\"]+)\"").Groups[1].Value;
        var again = await _session.Http.PostAsync("/authorize/pick", new FormUrlEncodedContent(new Dictionary<string, string> { ["request"] = handle, ["user"] = OpenIdSession.Riley.ObjectId.ToString("D") }));
        var otherPicker = await _session.Http.GetStringAsync(OpenIdSession.AuthorizeUrl(OpenIdSession.NewPkce().Challenge));
        var otherHandle = Regex.Match(otherPicker, "name=\"request\" value=\"([^\"]+)\"").Groups[1].Value;
        var stranger = await _session.Http.PostAsync("/authorize/pick", new FormUrlEncodedContent(new Dictionary<string, string> { ["request"] = otherHandle, ["user"] = Guid.NewGuid().ToString("D") }));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
    }

    [Fact]
    public async Task Token_CodeOlderThanItsLifetime_IsRefused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 15, 6, 7, TimeSpan.Zero));
        await using var session = await OpenIdSession.StartAsync(clock);
        var (redirect, verifier) = await session.SignInAsync(OpenIdSession.Riley);

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var response = await session.RedeemAsync(OpenIdSession.Query(redirect)["code"], verifier);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await OpenIdSession.JsonAsync(response)).GetProperty("error").GetString());
    }

    /// <summary>Checks the RS256 signature with the published key by hand (no token library), then returns the payload.</summary>
    private static JsonElement VerifiedClaims(string jwt, JsonElement keySet)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var key = keySet.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == header.GetProperty("kid").GetString());
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
    }

    [GeneratedRegex("<button type=\"submit\" name=\"user\" value=\"([^\"]+)\"[^>]*>([^<]*)</button>")]
    private static partial Regex UserButton();
}
