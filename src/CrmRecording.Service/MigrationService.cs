using CrmRecording.Vault.Metadata;

namespace CrmRecording.Service;

/// <summary>Applies the metadata and call stores' migrations at start, before the server accepts requests.</summary>
internal sealed class MigrationService(IMetadataStore metadata, Calls.ICallStore calls) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await metadata.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await calls.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
