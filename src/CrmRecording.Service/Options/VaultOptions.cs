using CrmRecording.Vault.Recordings;
using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Options;

/// <summary>The <c>Vault</c> section: where metadata, the audit trail and the outbox live.</summary>
public sealed class VaultOptions : IValidatableObject
{
    public const string Section = "Vault";

    /// <summary><c>sqlite</c> (default, a file under the data directory) or <c>postgres</c> (several instances over one database).</summary>
    public string Metadata { get; set; } = "sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Metadata"/> is postgres; never logged.</summary>
    public string? Postgres { get; set; }

    /// <summary><c>local</c> (default, encrypted files under the data directory) or <c>azure</c> (Azure Blob Storage or Azurite).</summary>
    public string BlobStore { get; set; } = "local";

    /// <summary>
    /// The blob account when <see cref="BlobStore"/> is azure: <c>ServiceUri</c>, <c>Container</c>, and <c>AccountName</c> +
    /// <c>AccountKey</c>, or <c>SasToken</c> (neither logged), or neither: then the managed identity (or whatever
    /// <c>DefaultAzureCredential</c> finds) with the Storage Blob Data Contributor role.
    /// </summary>
    public AzureBlobSettings Azure { get; set; } = new();

    /// <summary>
    /// <c>local</c> (a key file under the data directory, generated on first run) or <c>azure-keyvault</c> (the
    /// key-encryption key stays in Azure Key Vault: <see cref="KeyVault"/>; tokens from the managed identity or
    /// environment, as <c>DefaultAzureCredential</c> finds them). Several instances need a shared key: Key Vault.
    /// </summary>
    public string Keys { get; set; } = "local";

    /// <summary>
    /// The local key file when <see cref="Keys"/> is local: outside the data directory, so a copy of the data does not
    /// carry what decrypts it. Default: beside the data directory, <c>DATA-keys/keyring.json</c>; its directory must be
    /// owner-only (0700) and the file 0600, or the service refuses to start. A key file an earlier version left in
    /// <c>DATA/keys/</c> is moved there once.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>The Key Vault key when <see cref="Keys"/> is azure-keyvault.</summary>
    public KeyVaultSettings KeyVault { get; set; } = new();

    /// <summary>Retention days per class, added to or replacing the defaults (sales 365, financial 2557, declined-consent 0).</summary>
    public Dictionary<string, int> RetentionDays { get; set; } = [];

    /// <summary>The class a call's recording gets.</summary>
    public string RetentionClass { get; set; } = "sales";

    /// <summary>
    /// How often the sweep lists every stored blob for ones no recording owns (what a crash mid-ingest leaves); at
    /// start, then every so many minutes: a listing of the whole store is too much for every lease.
    /// </summary>
    public double OrphanSweepMinutes { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Metadata is not ("sqlite" or "postgres"))
        {
            yield return new ValidationResult($"Vault:Metadata '{Metadata}' is not sqlite or postgres.", [nameof(Metadata)]);
        }

        if (BlobStore is not ("local" or "azure"))
        {
            yield return new ValidationResult($"Vault:BlobStore '{BlobStore}' is not local or azure.", [nameof(BlobStore)]);
        }

        if (BlobStore == "azure" && (Azure.ServiceUri is null || (!string.IsNullOrWhiteSpace(Azure.AccountKey) && string.IsNullOrWhiteSpace(Azure.AccountName))))
        {
            yield return new ValidationResult("Vault:Azure:ServiceUri is required when Vault:BlobStore is azure, and Vault:Azure:AccountName with Vault:Azure:AccountKey (or set Vault:Azure:SasToken, or neither for the managed identity).", [nameof(Azure)]);
        }

        if (Keys is not ("local" or "azure-keyvault"))
        {
            yield return new ValidationResult($"Vault:Keys '{Keys}' is not local or azure-keyvault.", [nameof(Keys)]);
        }

        if (Keys == "azure-keyvault" && (KeyVault.Uri is null || string.IsNullOrWhiteSpace(KeyVault.KeyName)))
        {
            yield return new ValidationResult("Vault:KeyVault:Uri and Vault:KeyVault:KeyName are required when Vault:Keys is azure-keyvault.", [nameof(KeyVault)]);
        }

        foreach (var (name, days) in RetentionDays.Where(r => r.Value is < 0 or > 36_500))
        {
            yield return new ValidationResult($"Vault:RetentionDays:{name} = {days} is not a number of days from 0 to 36500.", [nameof(RetentionDays)]);
        }

        if (!Retention().Names.Contains(RetentionClass))
        {
            yield return new ValidationResult($"Vault:RetentionClass '{RetentionClass}' is not one of {string.Join(", ", Retention().Names)}.", [nameof(RetentionClass)]);
        }

        if (Metadata == "postgres" && string.IsNullOrWhiteSpace(Postgres))
        {
            yield return new ValidationResult("Vault:Postgres must be the PostgreSQL connection string (Host=...;Database=...;Username=...) when Vault:Metadata is postgres.", [nameof(Postgres)]);
        }
    }

    /// <summary>The retention classes: defaults changed or extended by <see cref="RetentionDays"/>.</summary>
    public RetentionClasses Retention()
    {
        var durations = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["sales"] = TimeSpan.FromDays(365),
            ["financial"] = TimeSpan.FromDays((7 * 365) + 2),
            ["declined-consent"] = TimeSpan.Zero,
        };
        foreach (var (name, days) in RetentionDays)
        {
            durations[name] = TimeSpan.FromDays(Math.Clamp(days, 0, 36_500));
        }

        return new RetentionClasses(durations, durations.ContainsKey(RetentionClass) ? RetentionClass : "sales");
    }
}

/// <summary>The Azure Blob account recordings are kept in.</summary>
public sealed class AzureBlobSettings
{
    public Uri? ServiceUri { get; set; }

    public string Container { get; set; } = "recordings";

    public string? AccountName { get; set; }

    public string? AccountKey { get; set; }

    public string? SasToken { get; set; }

    /// <summary>Neither a key nor a SAS: the service's own identity authenticates.</summary>
    public bool UsesIdentity => string.IsNullOrWhiteSpace(AccountKey) && string.IsNullOrWhiteSpace(SasToken);
}

/// <summary>The Azure Key Vault key that wraps recordings' data keys.</summary>
public sealed class KeyVaultSettings
{
    public Uri? Uri { get; set; }

    public string? KeyName { get; set; }

    /// <summary>A pinned key version; the current one when empty.</summary>
    public string? KeyVersion { get; set; }
}
