using System.ComponentModel.DataAnnotations;
using Azure.Identity;
using CrmRecording.Cli.Vault;

namespace CrmRecording.Cli.Tests.Vault;

/// <summary>The CLI reads the same Azure Blob Storage settings as the service: Shared Key, a SAS, or the managed identity.</summary>
public sealed class VaultSessionAzureTests
{
    private const string Endpoint = "https://crmrecordings.blob.core.windows.net";
    private const string Sas = "sv=2025-07-05&ss=b&srt=co&sp=racwdl&se=2027-01-01T00:00:00Z&sig=c2VjcmV0";

    private static Func<string, string?> Settings(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void AzureOptions_SasTokenAlone_AuthorizesWithTheSasAndNoOtherCredential()
    {
        var options = VaultSession.AzureOptions(Settings(("Vault__Azure__ServiceUri", Endpoint), ("Vault__Azure__SasToken", Sas)));

        Assert.Equal(Sas, options.SasToken);
        Assert.Null(options.AccountKey);
        Assert.Null(options.Credential);
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Fact]
    public void AzureOptions_AccountKey_AuthorizesWithSharedKeyOnly()
    {
        var options = VaultSession.AzureOptions(Settings(("Vault__Azure__ServiceUri", Endpoint), ("Vault__Azure__AccountName", "crmrecordings"), ("Vault__Azure__AccountKey", "c2VjcmV0")));

        Assert.Equal("crmrecordings", options.AccountName);
        Assert.Null(options.SasToken);
        Assert.Null(options.Credential);
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Fact]
    public void AzureOptions_NeitherKeyNorSas_UsesTheManagedIdentityOrSignIn()
    {
        var options = VaultSession.AzureOptions(Settings(("Vault__Azure__ServiceUri", Endpoint), ("Vault__Azure__Container", "calls")));

        Assert.IsType<DefaultAzureCredential>(options.Credential);
        Assert.Equal("calls", options.Container);
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Fact]
    public void Import_SasTokenThatIsNotOne_IsRefusedNamingTheSetting()
    {
        using var dir = new TempDir();
        var environment = new Dictionary<string, string>
        {
            ["Vault__BlobStore"] = "azure",
            ["Vault__Azure__ServiceUri"] = "http://127.0.0.1:9/devstoreaccount1",
            ["Vault__Azure__SasToken"] = "https://crmrecordings.blob.core.windows.net/recordings/call.wav",
        };

        var result = Crmrec.RunWith(environment, "recordings", "list", "--data", Path.Combine(dir.Path, "data"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Vault__Azure__SasToken", result.Error, StringComparison.Ordinal);
    }
}
