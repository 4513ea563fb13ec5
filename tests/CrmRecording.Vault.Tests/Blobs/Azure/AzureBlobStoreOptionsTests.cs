using System.ComponentModel.DataAnnotations;
using Azure.Core;
using CrmRecording.Vault.Blobs.Azure;

namespace CrmRecording.Vault.Tests.Blobs.Azure;

public sealed class AzureBlobStoreOptionsTests
{
    [Fact]
    public void Validate_SharedKeyOptionsForAzurite_HasNoProblem()
    {
        Assert.Empty(Problems(Valid()));
    }

    [Theory]
    [InlineData("Rec_ordings")]
    [InlineData("ab")]
    [InlineData("-recordings")]
    [InlineData("re--cordings")]
    public void Validate_BadContainerName_NamesContainer(string container)
    {
        var options = Valid();
        options.Container = container;

        Assert.Contains(Problems(options), problem => problem.StartsWith("AzureBlobStoreOptions.Container", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NeitherKeyNorCredential_AsksForOne()
    {
        var options = Valid();
        options.AccountKey = null;

        Assert.Contains(Problems(options), problem => problem.Contains("Set AccountName and AccountKey (Shared Key), SasToken (shared access signature), or Credential", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyAndCredential_RefusesBoth()
    {
        var options = Valid();
        options.ServiceUri = new Uri("https://acct.blob.core.windows.net");
        options.Credential = new NoCredential();

        Assert.Contains(Problems(options), problem => problem.Contains("not several", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SasTokenAlone_HasNoProblem()
    {
        var options = Valid();
        options.AccountKey = null;
        options.SasToken = "?sv=2025-07-05&ss=b&srt=co&sp=racwdl&se=2027-01-01T00:00:00Z&sig=c2VjcmV0";

        Assert.Empty(Problems(options));
    }

    [Fact]
    public void Validate_SasTokenAndKey_RefusesSeveral()
    {
        var options = Valid();
        options.SasToken = "sv=2025-07-05&sp=racwdl&sig=c2VjcmV0";

        Assert.Contains(Problems(options), problem => problem.Contains("not several", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SasTokenWithoutSignature_NamesSasTokenWithoutEchoingIt()
    {
        var options = Valid();
        options.AccountKey = null;
        options.SasToken = "https://acct.blob.core.windows.net/recordings/x.rec?secret-part";

        var problem = Assert.Single(Problems(options));
        Assert.StartsWith("AzureBlobStoreOptions.SasToken", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CredentialOverHttp_RequiresHttps()
    {
        var options = Valid();
        options.AccountKey = null;
        options.Credential = new NoCredential();

        Assert.Contains(Problems(options), problem => problem.StartsWith("AzureBlobStoreOptions.ServiceUri must be https", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyNotBase64_NamesAccountKeyWithoutEchoingIt()
    {
        var options = Valid();
        options.AccountKey = "not-a-key-secret!";

        var problem = Assert.Single(Problems(options));
        Assert.StartsWith("AzureBlobStoreOptions.AccountKey", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key-secret!", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(AzureBlobStoreOptions.MaxBlockSize + 1, 4)]
    [InlineData(1024, 0)]
    [InlineData(1024, 65)]
    public void Validate_BlockSizeOrConcurrencyOutOfRange_NamesTheOption(int blockSize, int maxConcurrentBlocks)
    {
        var options = Valid();
        options.BlockSize = blockSize;
        options.MaxConcurrentBlocks = maxConcurrentBlocks;

        var problem = Assert.Single(Problems(options));
        Assert.Matches("^AzureBlobStoreOptions\\.(BlockSize|MaxConcurrentBlocks) must be between", problem);
    }

    [Fact]
    public void Validate_ServiceUriWithQuery_PointsTheSasToSasToken()
    {
        var options = Valid();
        options.ServiceUri = new Uri("https://acct.blob.core.windows.net/?sv=2021-12-02&sig=abc");

        Assert.Contains(Problems(options), problem => problem.StartsWith("AzureBlobStoreOptions.ServiceUri must not have a query", StringComparison.Ordinal) && problem.Contains("SasToken", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Validate_MaxRetriesOutOfRange_NamesIt(int maxRetries)
    {
        var options = Valid();
        options.MaxRetries = maxRetries;

        Assert.StartsWith("AzureBlobStoreOptions.MaxRetries must be between 0 and 10", Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingEveryBadOption()
    {
        var options = Valid();
        options.ServiceUri = null;
        options.BlockSize = 0;
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new AzureBlobStore(http, options, TimeProvider.System));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("AzureBlobStoreOptions.ServiceUri is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureBlobStoreOptions.BlockSize must be between", error.Message, StringComparison.Ordinal);
    }

    private static AzureBlobStoreOptions Valid() => new()
    {
        ServiceUri = new Uri("http://127.0.0.1:10000/devstoreaccount1"),
        AccountName = AzuriteAccount.Name,
        AccountKey = AzuriteAccount.Key,
    };

    private static List<string> Problems(AzureBlobStoreOptions options) =>
        options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage!).ToList();

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
