using System.ComponentModel.DataAnnotations;
using Azure.Core;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Where recordings are kept in Azure Blob Storage (or Azurite), and how requests are authorized: exactly one of
/// Shared Key (<see cref="AccountName"/> + <see cref="AccountKey"/>), a shared access signature (<see cref="SasToken"/>)
/// or a Microsoft Entra token (<see cref="Credential"/>: a managed identity, or <c>DefaultAzureCredential</c>).
/// </summary>
public sealed class AzureBlobStoreOptions : IValidatableObject
{
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    /// <summary>The largest block we buffer; <see cref="MaxConcurrentBlocks"/> + 1 buffers of <see cref="BlockSize"/> are held in memory.</summary>
    public const int MaxBlockSize = 256 * 1024 * 1024;

    /// <summary>
    /// The blob service endpoint: <c>https://myaccount.blob.core.windows.net</c>, or path-style for Azurite,
    /// <c>http://127.0.0.1:10000/devstoreaccount1</c>. No query string: a SAS goes in <see cref="SasToken"/>.
    /// </summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The container holding the recordings.</summary>
    public string Container { get; set; } = "recordings";

    /// <summary>The storage account name, for Shared Key authorization.</summary>
    public string? AccountName { get; set; }

    /// <summary>The storage account key (base64), for Shared Key authorization. Never logged nor put in messages.</summary>
    public string? AccountKey { get; set; }

    /// <summary>
    /// A shared access signature (<c>sv=...&amp;sig=...</c>, with or without the leading <c>?</c>) for the container or the
    /// account, allowing read, add, create, write, delete and list. Never logged nor put in messages.
    /// </summary>
    public string? SasToken { get; set; }

    /// <summary>A Microsoft Entra credential; tokens are requested for <c>https://storage.azure.com/.default</c>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Retries of a request that failed transiently (timeouts, 408, 429, 500, 502, 503, 504, a dropped connection), with exponential back-off honouring <c>Retry-After</c>.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each later one doubles it, with jitter, up to a minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Uploads are sent in blocks of this many bytes (Put Block).</summary>
    public int BlockSize { get; set; } = DefaultBlockSize;

    /// <summary>Blocks of one upload in flight at once; a write waits while this many are being sent.</summary>
    public int MaxConcurrentBlocks { get; set; } = 4;

    /// <summary>Create <see cref="Container"/> on first use when it does not exist (not tried with a container's own SAS, which cannot create it).</summary>
    public bool CreateContainerIfMissing { get; set; } = true;

    /// <summary>List Blobs <c>maxresults</c>; the service's own maximum is 5000. Small only in tests, to exercise paging.</summary>
    internal int ListPageSize { get; set; } = 5000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ServiceUri is null)
        {
            yield return Error("ServiceUri is required, e.g. https://myaccount.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1 for Azurite.", nameof(ServiceUri));
        }
        else if (!ServiceUri.IsAbsoluteUri || (ServiceUri.Scheme != Uri.UriSchemeHttps && ServiceUri.Scheme != Uri.UriSchemeHttp))
        {
            yield return Error($"ServiceUri must be an absolute http or https URI (was '{ServiceUri}').", nameof(ServiceUri));
        }
        else if (ServiceUri.Query.Length > 0 || ServiceUri.Fragment.Length > 0)
        {
            yield return Error("ServiceUri must not have a query string or fragment; put a shared access signature in SasToken.", nameof(ServiceUri));
        }
        else if (Credential is not null && ServiceUri.Scheme != Uri.UriSchemeHttps)
        {
            yield return Error($"ServiceUri must be https when Credential is set, so bearer tokens never travel in clear text (was '{ServiceUri}').", nameof(ServiceUri));
        }

        if (!IsContainerName(Container))
        {
            yield return Error($"Container '{Container}' is not a blob container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.", nameof(Container));
        }

        foreach (var result in ValidateAuthorization())
        {
            yield return result;
        }

        if (BlockSize is < 1 or > MaxBlockSize)
        {
            yield return Error($"BlockSize must be between 1 and {MaxBlockSize} bytes (was {BlockSize}); the default is {DefaultBlockSize} (4 MiB).", nameof(BlockSize));
        }

        if (MaxConcurrentBlocks is < 1 or > 64)
        {
            yield return Error($"MaxConcurrentBlocks must be between 1 and 64 (was {MaxConcurrentBlocks}).", nameof(MaxConcurrentBlocks));
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return Error($"MaxRetries must be between 0 and 10 (was {MaxRetries}).", nameof(MaxRetries));
        }

        if (RetryDelay <= TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            yield return Error($"RetryDelay must be more than zero and at most one minute (was {RetryDelay}).", nameof(RetryDelay));
        }

        if (ListPageSize is < 1 or > 5000)
        {
            yield return Error($"ListPageSize must be between 1 and 5000 (was {ListPageSize}).", nameof(ListPageSize));
        }
    }

    private IEnumerable<ValidationResult> ValidateAuthorization()
    {
        var sharedKey = !string.IsNullOrEmpty(AccountKey);
        var sas = !string.IsNullOrEmpty(SasToken);
        var ways = (sharedKey ? 1 : 0) + (sas ? 1 : 0) + (Credential is null ? 0 : 1);
        if (ways > 1)
        {
            yield return Error("Set only one of AccountKey (Shared Key), SasToken (shared access signature) or Credential (Microsoft Entra token), not several.", nameof(AccountKey), nameof(SasToken), nameof(Credential));
        }
        else if (ways == 0)
        {
            yield return Error("Set AccountName and AccountKey (Shared Key), SasToken (shared access signature), or Credential (Microsoft Entra token, e.g. a managed identity).", nameof(AccountKey), nameof(SasToken), nameof(Credential));
        }

        if (sharedKey)
        {
            if (string.IsNullOrWhiteSpace(AccountName) || !AccountName.All(char.IsAsciiLetterOrDigit))
            {
                yield return Error($"AccountName is required with AccountKey and must be the storage account's name, letters and digits only (was '{AccountName}').", nameof(AccountName));
            }

            // The key's value is never echoed back, not even in part.
            if (!IsBase64(AccountKey!))
            {
                yield return Error("AccountKey is not a base64 storage account key; copy key1 or key2 from the storage account's access keys.", nameof(AccountKey));
            }
        }

        // Nor is the signature's: only what is missing from it is named.
        if (sas && !(SasToken!.Contains("sig=", StringComparison.Ordinal) && SasToken.Contains("sv=", StringComparison.Ordinal)))
        {
            yield return Error("SasToken is not a shared access signature: it must carry sv= and sig= (copy the SAS token, not the blob URL).", nameof(SasToken));
        }
    }

    private static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }

    private static ValidationResult Error(string message, params string[] members) =>
        new($"{nameof(AzureBlobStoreOptions)}.{message}", members);
}
