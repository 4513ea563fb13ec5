using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmRecording.Emulators.OpenId;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmRecording.Emulators.Tests.OpenId;

/// <summary>A started provider with two users and one client, and a relying party's side of the code flow.</summary>
internal sealed partial class OpenIdSession : IAsyncDisposable
{
    public const string ClientId = "pages";
    public const string ClientSecret = "s3cret-of-the-pages";
    public static readonly Uri Callback = new("http://127.0.0.1:5080/signin-oidc");
    public static readonly OpenIdUser Riley = new(Guid.Parse("aad00000-0000-4000-8000-000000000004"), "Riley Chen", "riley.chen@contoso.example");
    public static readonly OpenIdUser Sam = new(Guid.Parse("aad00000-0000-4000-8000-000000000005"), "Sam O'Kafor <b>", "sam.okafor@contoso.example");

    private OpenIdSession(OpenIdStandIn provider)
    {
        Provider = provider;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = provider.BaseAddress };
    }

    public OpenIdStandIn Provider { get; }

    public HttpClient Http { get; }

    public static async Task<OpenIdSession> StartAsync(TimeProvider? time = null, IReadOnlyList<OpenIdUser>? users = null)
    {
        var provider = new OpenIdStandIn(new OpenIdStandInOptions { Users = () => users ?? [Riley, Sam], TimeProvider = time ?? TimeProvider.System, TenantId = Guid.Parse("e0000000-0000-4000-8000-000000000001") });
        await provider.StartAsync();
        provider.RegisterClient(new OpenIdClient(ClientId, ClientSecret, [Callback]));
        return new OpenIdSession(provider);
    }

    /// <summary>A fresh verifier and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(string challenge, string nonce = "n-0S6_WzA2Mj", string state = "af0ifjsldkj", IDictionary<string, string?>? overrides = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = Callback.AbsoluteUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["nonce"] = nonce,
            ["state"] = state,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            query[key] = value;
        }

        return QueryHelpers.AddQueryString("/authorize", query.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>Opens the picker for a fresh request and picks <paramref name="user"/>; returns the redirect to the client.</summary>
    public async Task<(Uri Redirect, string Verifier)> SignInAsync(OpenIdUser user, string nonce = "n-0S6_WzA2Mj")
    {
        var (verifier, challenge) = NewPkce();
        var picker = await Http.GetAsync(AuthorizeUrl(challenge, nonce));
        Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
        var redirect = await PickAsync(await picker.Content.ReadAsStringAsync(), user.Subject ?? user.ObjectId.ToString("D"));
        return (redirect, verifier);
    }

    public async Task<Uri> PickAsync(string pickerHtml, string? userValue, bool cancel = false)
    {
        var handle = RequestHandle().Match(pickerHtml).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["request"] = handle };
        if (cancel)
        {
            fields["cancel"] = "1";
        }
        else
        {
            fields["user"] = userValue!;
        }

        var response = await Http.PostAsync("/authorize/pick", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location!;
    }

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public Task<HttpResponseMessage> RedeemAsync(string code, string? verifier, string secret = ClientSecret, Uri? redirectUri = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = (redirectUri ?? Callback).AbsoluteUri,
            ["client_id"] = ClientId,
            ["client_secret"] = secret,
        };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        return Http.PostAsync("/token", new FormUrlEncodedContent(fields));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Provider.DisposeAsync();
    }

    [GeneratedRegex("name=\"request\" value=\"([^\"]+)\"")]
    private static partial Regex RequestHandle();
}
