using System.ComponentModel.DataAnnotations;
using CrmRecording.Vault.Keys.AzureKeyVault;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

public sealed class AzureKeyVaultKeyWrapperOptionsTests
{
    [Fact]
    public void Validate_VaultAndKeyOnly_PassesWithRsaOaep256AndTheClientsNewestApiVersion()
    {
        var options = new AzureKeyVaultKeyWrapperOptions { VaultUri = new Uri("https://myvault.vault.azure.net/"), KeyName = "sdktestkey" };

        Assert.Empty(Errors(options));
        Assert.Equal("RSA-OAEP-256", options.Algorithm);
        Assert.Null(options.ApiVersion);
        Assert.Equal(Enum.GetValues<Azure.Security.KeyVault.Keys.KeyClientOptions.ServiceVersion>().Max(), options.ServiceVersion);
    }

    [Theory]
    [InlineData("7.4")]
    [InlineData("7.6")]
    public void Validate_ApiVersionTheClientSpeaks_Passes(string apiVersion) =>
        Assert.Empty(Errors(Valid(options => options.ApiVersion = apiVersion)));

    [Theory]
    [InlineData("RSA-OAEP-256")]
    [InlineData("RSA-OAEP")]
    [InlineData("A256KW")]
    public void Validate_SupportedAlgorithm_Passes(string algorithm) =>
        Assert.Empty(Errors(Valid(options => options.Algorithm = algorithm)));

    [Theory]
    [InlineData(null, "VaultUri is required")]
    [InlineData("http://myvault.vault.azure.net/", "VaultUri must be an absolute https URI")]
    [InlineData("https://myvault.vault.azure.net/keys/sdktestkey", "VaultUri must be the vault's root")]
    public void Validate_BadVaultUri_NamesVaultUri(string? vaultUri, string expected)
    {
        var error = Assert.Single(Errors(Valid(options => options.VaultUri = vaultUri is null ? null : new Uri(vaultUri))));

        Assert.StartsWith($"AzureKeyVaultKeyWrapperOptions.{expected}", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["VaultUri"], error.MemberNames);
    }

    [Theory]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.KeyName), "")]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.KeyName), "recordings/../secrets")]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.KeyVersion), "0698c215/unwrapkey")]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.Algorithm), "RSA1_5")]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.Algorithm), "rsa-oaep-256")]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.ApiVersion), "2016-10-01")]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.ApiVersion), "7.9")]
    [InlineData(nameof(AzureKeyVaultKeyWrapperOptions.ApiVersion), "7.4&x=1")]
    public void Validate_BadValue_NamesTheOption(string option, string value)
    {
        var error = Assert.Single(Errors(Valid(options => typeof(AzureKeyVaultKeyWrapperOptions).GetProperty(option)!.SetValue(options, value))));

        Assert.StartsWith($"AzureKeyVaultKeyWrapperOptions.{option}", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([option], error.MemberNames);
    }

    [Fact]
    public void Validate_UnboundedRetries_NamesRetryOptions()
    {
        var errors = Errors(Valid(options =>
        {
            options.MaxRetries = 50;
            options.MaxRetryDelay = TimeSpan.FromMinutes(10);
        }));

        Assert.Equal(["MaxRetries", "MaxRetryDelay"], errors.SelectMany(error => error.MemberNames));
    }

    private static AzureKeyVaultKeyWrapperOptions Valid(Action<AzureKeyVaultKeyWrapperOptions> change)
    {
        var options = new AzureKeyVaultKeyWrapperOptions
        {
            VaultUri = new Uri("https://myvault.vault.azure.net/"),
            KeyName = "sdktestkey",
            KeyVersion = "0698c2156c1a4e1da5b6bab6f6422fd6",
        };
        change(options);
        return options;
    }

    private static List<ValidationResult> Errors(AzureKeyVaultKeyWrapperOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
