using System.ComponentModel.DataAnnotations;
using Azure.Identity;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Blobs.Azure;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Cli.Vault;

/// <summary>
/// The vault as the CLI opens it, with stores chosen by environment variables:
/// <c>Vault__BlobStore=local|azure</c> (default local, under <c>--data DIR/recordings</c>),
/// <c>Vault__Metadata=sqlite|postgres</c> (default sqlite, <c>DIR/vault.db</c>),
/// <c>Vault__Keys=local|azure-keyvault</c> (default local: <c>Vault__KeyFile</c>, else <c>DIR-keys/keyring.json</c> beside
/// the data directory, never inside it).
/// </summary>
internal sealed class VaultSession : IAsyncDisposable
{
    // One client for the process: the CLI makes few remote calls, and sockets must not be exhausted.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    private VaultSession(RecordingVault vault, IMetadataStore metadata, IKeyWrapper keys)
    {
        Vault = vault;
        Metadata = metadata;
        Keys = keys;
    }

    public RecordingVault Vault { get; }

    public IMetadataStore Metadata { get; }

    public IKeyWrapper Keys { get; }

    /// <summary>Who the audit trail names for work done from this command line.</summary>
    public static string Actor => $"cli:{Environment.UserName}@{Environment.MachineName}";

    public static async Task<VaultSession> OpenAsync(DirectoryInfo data, TimeProvider time, CancellationToken cancellationToken)
    {
        var blobStore = Setting("Vault__BlobStore", "local");
        var keyStore = Setting("Vault__Keys", "local");
        IBlobStore blobs = blobStore switch
        {
            "local" => new LocalBlobStore(Path.Combine(data.FullName, "recordings"), time.GetUtcNow()) { DirectWrites = true },
            "azure" => new AzureBlobStore(Http, Validated("Vault__Azure__", AzureOptions(Raw)), time),
            _ => throw new UsageException($"Vault__BlobStore: '{blobStore}' is not a blob store; use local or azure."),
        };
        var metadata = OpenMetadata(data);
        IKeyWrapper keys;
        try
        {
            keys = keyStore switch
            {
                "local" => OpenLocalKeys(data, time),
                "azure-keyvault" => new AzureKeyVaultKeyWrapper(Http, new DefaultAzureCredential(), Validated("Vault__KeyVault__", new AzureKeyVaultKeyWrapperOptions
                {
                    VaultUri = Uri.TryCreate(Raw("Vault__KeyVault__Uri"), UriKind.Absolute, out var vaultUri) ? vaultUri : null,
                    KeyName = Raw("Vault__KeyVault__KeyName"),
                    KeyVersion = Raw("Vault__KeyVault__KeyVersion"),
                }), time),
                _ => throw new UsageException($"Vault__Keys: '{keyStore}' is not a key store; use local or azure-keyvault."),
            };
        }
        catch (KeyFileException ex)
        {
            throw new UsageException(ex.Message);
        }

        await metadata.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var vault = new RecordingVault(blobs, metadata, keys, Retention(), time);
        return new VaultSession(vault, metadata, keys);
    }

    public ValueTask DisposeAsync()
    {
        Vault.Dispose();
        return Metadata.DisposeAsync();
    }

    private static LocalKeyRing OpenLocalKeys(DirectoryInfo data, TimeProvider time)
    {
        var keyFile = Raw("Vault__KeyFile") is { } configured ? Path.GetFullPath(configured) : KeyFileLocation.Default(data.FullName);
        if (KeyFileLocation.MoveLegacy(data.FullName, keyFile))
        {
            Console.Error.WriteLine($"crmrec: the key file was moved out of the data directory to {keyFile}; back it up apart from the data.");
        }

        return LocalKeyRing.OpenOrCreate(keyFile, time.GetUtcNow());
    }

    /// <summary>
    /// Azure Blob Storage as the service reads it (<c>Vault:Azure:*</c>): Shared Key (<c>Vault__Azure__AccountName</c> and
    /// <c>Vault__Azure__AccountKey</c>), a shared access signature (<c>Vault__Azure__SasToken</c>), or, with neither, the
    /// managed identity or developer sign-in through <c>DefaultAzureCredential</c>.
    /// </summary>
    internal static AzureBlobStoreOptions AzureOptions(Func<string, string?> setting) => new()
    {
        ServiceUri = Uri.TryCreate(setting("Vault__Azure__ServiceUri"), UriKind.Absolute, out var uri) ? uri : null,
        Container = setting("Vault__Azure__Container") ?? "recordings",
        AccountName = setting("Vault__Azure__AccountName"),
        AccountKey = setting("Vault__Azure__AccountKey"),
        SasToken = setting("Vault__Azure__SasToken"),
        Credential = setting("Vault__Azure__AccountKey") is null && setting("Vault__Azure__SasToken") is null ? new DefaultAzureCredential() : null,
    };

    /// <summary>The metadata store alone (audit trail, outbox), for commands that need no keys nor blobs. Not migrated.</summary>
    public static IMetadataStore OpenMetadata(DirectoryInfo data)
    {
        var metadataStore = Setting("Vault__Metadata", "sqlite");
        return metadataStore switch
        {
            "sqlite" => new SqliteMetadataStore(Path.Combine(data.FullName, "vault.db")),
            "postgres" => new PostgresMetadataStore(Raw("Vault__Postgres") ?? throw new UsageException("Vault__Postgres: set it to the PostgreSQL connection string (Host=...;Database=...;Username=...).")),
            _ => throw new UsageException($"Vault__Metadata: '{metadataStore}' is not a metadata store; use sqlite or postgres."),
        };
    }

    /// <summary>
    /// Retention classes: the defaults (sales 365 days, financial 7 years, declined-consent 0), changed or
    /// extended by <c>Vault__Retention__CLASS=DAYS</c>; <c>Vault__Retention__Default=CLASS</c> picks the default class.
    /// </summary>
    private static RetentionClasses Retention()
    {
        var durations = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["sales"] = TimeSpan.FromDays(365),
            ["financial"] = TimeSpan.FromDays((7 * 365) + 2),
            ["declined-consent"] = TimeSpan.Zero,
        };
        const string prefix = "Vault__Retention__";
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name == prefix + "Default")
            {
                continue;
            }

            durations[name[prefix.Length..]] = int.TryParse((string?)variable.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days <= 36_500
                ? TimeSpan.FromDays(days)
                : throw new UsageException($"{name}: '{variable.Value}' is not a number of days (0 to 36500).");
        }

        var defaultClass = Raw(prefix + "Default") ?? "sales";
        return durations.ContainsKey(defaultClass)
            ? new RetentionClasses(durations, defaultClass)
            : throw new UsageException($"{prefix}Default: '{defaultClass}' is not one of {string.Join(", ", durations.Keys)}.");
    }

    private static string Setting(string name, string fallback) => Raw(name)?.ToLowerInvariant() ?? fallback;

    private static string? Raw(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;

    private static T Validated<T>(string prefix, T options)
        where T : IValidatableObject
    {
        var problems = options.Validate(new ValidationContext(options)).Select(r => $"{prefix}{string.Join('/', r.MemberNames)}: {r.ErrorMessage}").ToList();
        return problems.Count == 0 ? options : throw new UsageException(string.Join(Environment.NewLine, problems));
    }
}
