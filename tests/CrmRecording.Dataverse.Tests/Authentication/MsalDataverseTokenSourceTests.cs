using System.Net;
using CrmRecording.Dataverse.Authentication;
using CrmRecording.Dataverse.Tests.Support;
using CrmRecording.Testing.Http;
using Microsoft.Identity.Client;

namespace CrmRecording.Dataverse.Tests.Authentication;

public sealed class MsalDataverseTokenSourceTests
{
    [Fact]
    public async Task GetTokenAsync_ClientSecret_AsksEntraForTheEnvironmentDefaultScopeOnceThenUsesMsalCache()
    {
        using var handler = new StubHttpHandler();
        using var http = new HttpClient(handler);
        // The Microsoft identity platform's client-credentials token response.
        handler.Reply(() => Responses.Json(
            HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig"}"""));
        using var source = new MsalDataverseTokenSource(ClientHarness.ValidOptions(), new FixedHttpClientFactory(http));

        var first = await source.GetTokenAsync();
        var second = await source.GetTokenAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", request.Uri);
        var form = request.Body!.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", form["client_id"]);
        Assert.Equal("not-used-by-the-client", form["client_secret"]);
        Assert.Contains("https://org.crm.dynamics.com/.default", form["scope"].Split(' '));
        Assert.Equal("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig", first.Value);
        Assert.Equal(first, second);
        Assert.True(first.ExpiresOn > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Constructor_StaticTokenOptions_PointsToTheStaticSource()
    {
        var options = new DataverseClientOptions { EnvironmentUrl = new Uri("http://localhost:5071"), StaticAccessToken = "sandbox" };

        var e = Assert.Throws<ArgumentException>(() => new MsalDataverseTokenSource(options));

        Assert.Contains(nameof(StaticDataverseTokenSource), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingCertificateFile_NamesTheOption()
    {
        var options = ClientHarness.ValidOptions();
        options.ClientSecret = null;
        options.CertificatePath = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pfx");

        var e = Assert.Throws<FileNotFoundException>(() => new MsalDataverseTokenSource(options));

        Assert.StartsWith("CertificatePath ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_CertificateFile_SignsAClientAssertionInsteadOfSendingASecret()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pfx");
        using (var key = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=crr-dataverse-test", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(30), DateTimeOffset.UnixEpoch.AddYears(130));
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            var options = ClientHarness.ValidOptions();
            options.ClientSecret = null;
            options.CertificatePath = pfx;
            options.CertificatePassword = "pfx-password";
            using var handler = new StubHttpHandler();
            using var http = new HttpClient(handler);
            handler.Reply(() => Responses.Json(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3599,"access_token":"cert-token"}"""));
            using var source = new MsalDataverseTokenSource(options, new FixedHttpClientFactory(http));

            var token = await source.GetTokenAsync();

            var form = Assert.Single(handler.Requests).Body!;
            Assert.Contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer", form, StringComparison.Ordinal);
            Assert.Contains("client_assertion=", form, StringComparison.Ordinal);
            Assert.DoesNotContain("client_secret", form, StringComparison.Ordinal);
            Assert.Equal("cert-token", token.Value);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private sealed class FixedHttpClientFactory(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}
