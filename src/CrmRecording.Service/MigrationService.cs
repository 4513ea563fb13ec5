using CrmRecording.Service.Options;
using CrmRecording.Vault.Metadata;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service;

/// <summary>Applies the metadata and call stores' migrations at start, before the server accepts requests.</summary>
internal sealed partial class MigrationService(IMetadataStore metadata, Calls.ICallStore calls, IOptions<VaultOptions> vault, ILogger<MigrationService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await metadata.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await calls.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var options = vault.Value;
        if (options.Metadata == "postgres" && (options.Keys == "local" || options.BlobStore == "local"))
        {
            // Shared metadata lets any instance pick up any job; a local key file or blob directory does not travel with it.
            NotShared(log, options.Keys, options.BlobStore);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metadata is in PostgreSQL, shared by every instance, but keys are '{Keys}' and blobs '{Blobs}': a recording stored by this instance can only be read by it. Several instances need Vault:Keys=azure-keyvault and Vault:BlobStore=azure")]
    private static partial void NotShared(ILogger logger, string keys, string blobs);
}
