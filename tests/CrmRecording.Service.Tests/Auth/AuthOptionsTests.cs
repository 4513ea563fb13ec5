using System.ComponentModel.DataAnnotations;
using CrmRecording.Service.Auth;

namespace CrmRecording.Service.Tests.Auth;

public sealed class AuthOptionsTests
{
    private static List<string> Errors(AuthOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Empty)];
    }

    [Fact]
    public void Validate_EntraIssuerWithDiscovery_IsValid()
    {
        var options = new AuthOptions
        {
            Issuers =
            [
                new TokenIssuerOptions
                {
                    Issuer = "https://login.microsoftonline.com/e0000000-0000-4000-8000-000000000001/v2.0",
                    Audience = "api://crmrecording",
                    MetadataAddress = new Uri("https://login.microsoftonline.com/e0000000-0000-4000-8000-000000000001/v2.0/.well-known/openid-configuration"),
                },
            ],
        };

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Validate_IssuerWithBothKeySourcesOrNeither_NamesTheEntry()
    {
        var both = new TokenIssuerOptions { Issuer = "i", Audience = "a", MetadataAddress = new Uri("https://idp.example/.well-known/openid-configuration"), SigningKey = Convert.ToBase64String(new byte[32]) };
        var neither = new TokenIssuerOptions { Issuer = "j", Audience = "a" };

        var errors = Errors(new AuthOptions { Issuers = [both, neither] });

        Assert.Contains(errors, e => e.StartsWith("Auth:Issuers:0 must set exactly one of MetadataAddress", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:Issuers:1 must set exactly one of MetadataAddress", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://idp.example/.well-known/openid-configuration", true)]
    [InlineData("http://127.0.0.1:5000/.well-known/openid-configuration", false)]
    public void Validate_PlainHttpDiscovery_IsRefusedExceptOnLoopback(string address, bool refused)
    {
        var options = new AuthOptions { Issuers = [new TokenIssuerOptions { Issuer = "i", Audience = "a", MetadataAddress = new Uri(address) }] };

        Assert.Equal(refused, Errors(options).Any(e => e.Contains("MetadataAddress must be an absolute https URL", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Validate_WeakOrMalformedSigningKey_IsRefused(string key)
    {
        var options = new AuthOptions { Issuers = [new TokenIssuerOptions { Issuer = "i", Audience = "a", SigningKey = key }] };

        Assert.Contains(Errors(options), e => e.Contains("Auth:Issuers:0:SigningKey must be base64 of at least 32 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingIssuerAudienceDuplicateOrSandboxIssuer_AreNamed()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var options = new AuthOptions
        {
            ClockSkew = TimeSpan.FromMinutes(10),
            Issuers =
            [
                new TokenIssuerOptions { SigningKey = key },
                new TokenIssuerOptions { Issuer = "dup", Audience = "a", SigningKey = key },
                new TokenIssuerOptions { Issuer = "dup", Audience = "b", SigningKey = key },
                new TokenIssuerOptions { Issuer = SandboxTokenIssuer.Issuer, Audience = "a", SigningKey = key },
            ],
        };

        var errors = Errors(options);

        Assert.Contains(errors, e => e.StartsWith("Auth:Issuers:0:Issuer is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:Issuers:0:Audience is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'dup' more than once", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("the sandbox's own", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:ClockSkew", StringComparison.Ordinal));
    }
}
