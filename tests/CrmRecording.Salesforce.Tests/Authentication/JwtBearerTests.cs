using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmRecording.Salesforce.Tests.Support;

namespace CrmRecording.Salesforce.Tests.Authentication;

/// <summary>The JWT bearer flow: an RS256 assertion with iss, sub, aud and a three-minute exp, checked with the public key.</summary>
public sealed class JwtBearerTests : IDisposable
{
    private readonly RSA key = RSA.Create(2048);

    [Fact]
    public async Task Token_JwtBearer_PostsAnAssertionSignedByTheKey()
    {
        using var h = Harness(o => { });
        h.WithSession();

        await h.Client.GetSessionAsync();

        var form = Form(h.Handler.Requests[0].Body!);
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        var parts = form["assertion"].Split('.');
        Assert.Equal(3, parts.Length);
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        Assert.True(key.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
    }

    [Fact]
    public async Task Token_JwtBearer_ClaimsNameTheAppTheUserTheAudienceAndExpireInThreeMinutes()
    {
        using var h = Harness(o => { });
        h.WithSession();

        await h.Client.GetSessionAsync();

        using var claims = Claims(h);
        Assert.Equal("3MVG9-consumer-key", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("integration@acme.example", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("https://login.salesforce.com", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(h.Time.Now.AddMinutes(3).ToUnixTimeSeconds(), claims.RootElement.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData("https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com")]
    [InlineData("https://test.salesforce.com", "https://test.salesforce.com")]
    [InlineData("https://partners.acme.example", "https://partners.acme.example")]
    public async Task Token_JwtBearer_AudienceFollowsTheLoginHost(string login, string audience)
    {
        using var h = Harness(o => o.LoginUrl = new Uri(login));
        h.WithSession();

        await h.Client.GetSessionAsync();

        using var claims = Claims(h);
        Assert.Equal(audience, claims.RootElement.GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Token_JwtBearerFromPemFile_SignsLikeInline()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sf-key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, key.ExportPkcs8PrivateKeyPem());
        try
        {
            using var h = Harness(o => { o.PrivateKeyPem = null; o.PrivateKeyPath = path; });
            h.WithSession();

            await h.Client.GetSessionAsync();

            var parts = Form(h.Handler.Requests[0].Body!)["assertion"].Split('.');
            Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose() => key.Dispose();

    private SalesforceHarness Harness(Action<SalesforceClientOptions> more) => new(o =>
    {
        o.ClientSecret = null;
        o.Username = "integration@acme.example";
        o.PrivateKeyPem = key.ExportPkcs8PrivateKeyPem();
        o.LoginUrl = new Uri("https://login.salesforce.com");
        more(o);
    });

    private static JsonDocument Claims(SalesforceHarness h) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(Form(h.Handler.Requests[0].Body!)["assertion"].Split('.')[1]));

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
}
