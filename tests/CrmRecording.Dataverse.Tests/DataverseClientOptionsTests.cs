using System.ComponentModel.DataAnnotations;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

public sealed class DataverseClientOptionsTests
{
    [Fact]
    public void Validate_ClientSecretCredentials_IsValid()
    {
        Assert.Empty(Errors(ClientHarness.ValidOptions()));
    }

    [Fact]
    public void Validate_StaticTokenOnLoopbackHttp_IsValidForTheStandIn()
    {
        Assert.Empty(Errors(new DataverseClientOptions { EnvironmentUrl = new Uri("http://127.0.0.1:5071/"), StaticAccessToken = "sandbox" }));
    }

    [Fact]
    public void Validate_CertificateThumbprint_IsValid()
    {
        var options = ClientHarness.ValidOptions();
        options.ClientSecret = null;
        options.CertificateThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";

        Assert.Empty(Errors(options));
    }

    [Theory]
    [InlineData("no-url", "EnvironmentUrl", "EnvironmentUrl is required")]
    [InlineData("http-remote", "EnvironmentUrl", "must use https")]
    [InlineData("with-path", "EnvironmentUrl", "without a path")]
    [InlineData("api-version", "ApiVersion", "ApiVersion must look like v9.2")]
    [InlineData("retries", "MaxRetries", "MaxRetries must be between 0 and 10")]
    [InlineData("page-size", "PageSize", "PageSize must be between 1 and 5000")]
    [InlineData("no-tenant", "TenantId", "TenantId is required")]
    [InlineData("client-id", "ClientId", "ClientId must be the application (client) id")]
    [InlineData("no-secret", "ClientSecret", "Exactly one of ClientSecret, CertificatePath or CertificateThumbprint")]
    [InlineData("two-secrets", "CertificatePath", "Exactly one of ClientSecret, CertificatePath or CertificateThumbprint")]
    [InlineData("password-alone", "CertificatePassword", "CertificatePassword applies only with CertificatePath")]
    [InlineData("static-and-credentials", "StaticAccessToken", "cannot be combined")]
    [InlineData("authority", "AuthorityHost", "AuthorityHost must be an absolute https URL")]
    public void Validate_InvalidOption_NamesTheOption(string variant, string member, string message)
    {
        var options = ClientHarness.ValidOptions();
        switch (variant)
        {
            case "no-url": options.EnvironmentUrl = null; break;
            case "http-remote": options.EnvironmentUrl = new Uri("http://org.crm.dynamics.com"); break;
            case "with-path": options.EnvironmentUrl = new Uri("https://org.crm.dynamics.com/api/data/v9.2"); break;
            case "api-version": options.ApiVersion = "9.2"; break;
            case "retries": options.MaxRetries = 11; break;
            case "page-size": options.PageSize = 5001; break;
            case "no-tenant": options.TenantId = " "; break;
            case "client-id": options.ClientId = "my-app"; break;
            case "no-secret": options.ClientSecret = null; break;
            case "two-secrets": options.CertificatePath = "/etc/crr/dataverse.pfx"; break;
            case "password-alone": options.CertificatePassword = "pfx-password"; break;
            case "static-and-credentials": options.StaticAccessToken = "sandbox"; break;
            case "authority": options.AuthorityHost = new Uri("http://login.example.com"); break;
        }

        var error = Assert.Single(Errors(options), e => e.MemberNames.Contains(member));

        Assert.Contains(message, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = ClientHarness.ValidOptions();
        options.ApiVersion = "latest";
        options.PageSize = 0;
        using var http = new HttpClient();

        var e = Assert.Throws<ArgumentException>(() => new DataverseClient(http, new CountingTokenSource(TimeProvider.System), options, TimeProvider.System));

        Assert.Contains("ApiVersion", e.Message, StringComparison.Ordinal);
        Assert.Contains("PageSize", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_ApiBase_IsTheEnvironmentRootPlusApiDataVersion()
    {
        using var h = new ClientHarness(o => o.EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/"));

        Assert.Equal(new Uri("https://contoso.crm4.dynamics.com/api/data/v9.2/"), h.Client.ApiBase);
    }

    private static List<ValidationResult> Errors(DataverseClientOptions options) => options.Validate(new ValidationContext(options)).ToList();
}
