using CrmRecording.Vault.Metadata;

namespace CrmRecording.Service;

/// <summary>Applies the metadata store's migrations at start, before the server accepts requests.</summary>
internal sealed class MigrationService(IMetadataStore metadata) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => metadata.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
