using CrmRecording.Service.Calls;
using CrmRecording.Service.Options;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Blobs.Azure;
using Azure.Identity;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Keys.AzureKeyVault;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Recordings;

/// <summary>The vault as the service composes it from the <c>Vault</c> and <c>Service</c> sections.</summary>
internal static partial class VaultServices
{
    public static IServiceCollection AddVault(this IServiceCollection services)
    {
        services.AddSingleton<IMetadataStore>(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<VaultOptions>>().Value;
            return vault.Metadata == "postgres"
                ? new PostgresMetadataStore(vault.Postgres!)
                : new SqliteMetadataStore(Path.Combine(DataDirectory(sp), "vault.db"));
        });
        services.AddSingleton(sp => (IOutbox)sp.GetRequiredService<IMetadataStore>());
        services.AddSingleton<PhoneNumberKey>();
        services.AddSingleton<ICallStore>(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<VaultOptions>>().Value;
            var phoneKey = sp.GetRequiredService<PhoneNumberKey>();
            return vault.Metadata == "postgres"
                ? SqlCallStore.ForPostgres(vault.Postgres!, phoneKey.GetAsync)
                // Its own file: call state is written on every webhook, and SQLite has one writer per file.
                : SqlCallStore.ForSqlite(Path.Combine(DataDirectory(sp), "calls.db"), phoneKey.GetAsync);
        });
        services.AddSingleton<IBlobStore>(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<VaultOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return vault.BlobStore == "azure"
                ? new AzureBlobStore(
                    new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromMinutes(10) },
                    new AzureBlobStoreOptions { ServiceUri = vault.Azure.ServiceUri, Container = vault.Azure.Container, AccountName = vault.Azure.AccountName, AccountKey = vault.Azure.AccountKey, SasToken = vault.Azure.SasToken, Credential = vault.Azure.UsesIdentity ? new DefaultAzureCredential() : null },
                    time)
                : new LocalBlobStore(Path.Combine(DataDirectory(sp), "recordings"), time.GetUtcNow());
        });
        services.AddSingleton<IKeyWrapper>(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<VaultOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return vault.Keys == "azure-keyvault"
                ? new AzureKeyVaultKeyWrapper(
                    new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
                    new DefaultAzureCredential(),
                    new AzureKeyVaultKeyWrapperOptions { VaultUri = vault.KeyVault.Uri, KeyName = vault.KeyVault.KeyName, KeyVersion = vault.KeyVault.KeyVersion },
                    time)
                : OpenLocalKeys(sp, vault, time);
        });
        services.AddSingleton(sp => new RecordingVault(
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<IMetadataStore>(),
            sp.GetRequiredService<IKeyWrapper>(),
            sp.GetRequiredService<IOptions<VaultOptions>>().Value.Retention(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static LocalKeyRing OpenLocalKeys(IServiceProvider services, VaultOptions vault, TimeProvider time)
    {
        var data = DataDirectory(services);
        var keyFile = vault.KeyFile is { Length: > 0 } configured ? Path.GetFullPath(configured) : KeyFileLocation.Default(data);
        if (KeyFileLocation.MoveLegacy(data, keyFile))
        {
            KeyFileMoved(services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmRecording.Service.Recordings.Keys"), keyFile);
        }

        return LocalKeyRing.OpenOrCreate(keyFile, time.GetUtcNow());
    }

    internal static string DataDirectory(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<ServiceOptions>>().Value.DataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key file was moved out of the data directory to {KeyFile}: back it up apart from the data")]
    private static partial void KeyFileMoved(ILogger logger, string keyFile);
}
