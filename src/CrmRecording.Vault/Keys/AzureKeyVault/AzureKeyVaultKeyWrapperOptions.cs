using System.ComponentModel.DataAnnotations;
using Azure.Security.KeyVault.Keys;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>Where the key-encryption key lives in Azure Key Vault (or Managed HSM), and how to call it.</summary>
public sealed class AzureKeyVaultKeyWrapperOptions : IValidatableObject
{
    /// <summary>The vault, e.g. <c>https://myvault.vault.azure.net/</c> or <c>https://myhsm.managedhsm.azure.net/</c>.</summary>
    public Uri? VaultUri { get; set; }

    /// <summary>The key-encryption key's name.</summary>
    public string? KeyName { get; set; }

    /// <summary>
    /// The version new data keys are wrapped with. When empty, the key's current version is read once
    /// (<c>GET {vault}/keys/{name}</c>) and kept for the lifetime of the wrapper, so a rotation takes effect on restart.
    /// </summary>
    public string? KeyVersion { get; set; }

    /// <summary><c>RSA-OAEP-256</c> (default), <c>RSA-OAEP</c>, or <c>A256KW</c> for Managed HSM symmetric keys.</summary>
    public string Algorithm { get; set; } = KeyWrapAlgorithms.RsaOaep256;

    /// <summary>The Key Vault REST <c>api-version</c> (7.0 to 7.6); when empty, the newest the Azure.Security.KeyVault.Keys client speaks.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Retries of a call that failed transiently (408, 429, 500, 502, 503, 504, no answer) before giving up.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay when the service names none; each later one doubles it, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait between retries; a longer <c>Retry-After</c> fails the call instead of stalling it.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The client's service version for <see cref="ApiVersion"/>; null when it names none the client knows.</summary>
    internal KeyClientOptions.ServiceVersion? ServiceVersion =>
        string.IsNullOrEmpty(ApiVersion)
            ? new KeyClientOptions().Version
            : Enum.TryParse<KeyClientOptions.ServiceVersion>("V" + ApiVersion.Replace('.', '_'), ignoreCase: false, out var version) && Enum.IsDefined(version)
                ? version
                : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (VaultUri is null)
        {
            yield return Error("VaultUri is required, e.g. https://myvault.vault.azure.net/.", nameof(VaultUri));
        }
        else if (!VaultUri.IsAbsoluteUri || VaultUri.Scheme != Uri.UriSchemeHttps)
        {
            yield return Error($"VaultUri must be an absolute https URI, e.g. https://myvault.vault.azure.net/ (was '{VaultUri}').", nameof(VaultUri));
        }
        else if (VaultUri.AbsolutePath != "/" || VaultUri.Query.Length > 0 || VaultUri.Fragment.Length > 0)
        {
            yield return Error($"VaultUri must be the vault's root, without path or query, e.g. https://{VaultUri.Host}/ (was '{VaultUri}').", nameof(VaultUri));
        }

        if (string.IsNullOrWhiteSpace(KeyName))
        {
            yield return Error("KeyName is required: the name of the key-encryption key in the vault.", nameof(KeyName));
        }
        else if (!IsKeyName(KeyName))
        {
            yield return Error($"KeyName '{KeyName}' is not a Key Vault key name (1-127 letters, digits and dashes).", nameof(KeyName));
        }

        if (KeyVersion is { Length: > 0 } && !KeyVersion.All(char.IsAsciiLetterOrDigit))
        {
            yield return Error($"KeyVersion '{KeyVersion}' is not a Key Vault key version (letters and digits only, e.g. 0698c2156c1a4e1da5b6bab6f6422fd6); leave it empty to use the current version.", nameof(KeyVersion));
        }

        if (!KeyWrapAlgorithms.IsSupported(Algorithm))
        {
            yield return Error($"Algorithm '{Algorithm}' is not supported; use one of {string.Join(", ", KeyWrapAlgorithms.Supported)}.", nameof(Algorithm));
        }

        if (ServiceVersion is null)
        {
            var known = string.Join(", ", Enum.GetNames<KeyClientOptions.ServiceVersion>().Select(name => name[1..].Replace('_', '.')));
            yield return Error($"ApiVersion '{ApiVersion}' is not a Key Vault api-version this client speaks ({known}); leave it empty for the newest.", nameof(ApiVersion));
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return Error($"MaxRetries must be between 0 and 10 (was {MaxRetries}).", nameof(MaxRetries));
        }

        if (RetryDelay <= TimeSpan.Zero || RetryDelay > MaxRetryDelay)
        {
            yield return Error($"RetryDelay must be more than zero and at most MaxRetryDelay (was {RetryDelay}).", nameof(RetryDelay));
        }

        if (MaxRetryDelay <= TimeSpan.Zero || MaxRetryDelay > TimeSpan.FromMinutes(1))
        {
            yield return Error($"MaxRetryDelay must be more than zero and at most one minute (was {MaxRetryDelay}).", nameof(MaxRetryDelay));
        }
    }

    private static bool IsKeyName(string name) =>
        name.Length <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static ValidationResult Error(string message, string member) =>
        new($"{nameof(AzureKeyVaultKeyWrapperOptions)}.{message}", [member]);
}
