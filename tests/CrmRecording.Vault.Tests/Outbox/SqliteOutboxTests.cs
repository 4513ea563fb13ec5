using CrmRecording.Vault.Metadata;

namespace CrmRecording.Vault.Tests.Outbox;

public sealed class SqliteOutboxTests : OutboxContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crmrec-outbox-").FullName;

    protected override Task<IMetadataStore> CreateStoreAsync() =>
        Task.FromResult<IMetadataStore>(new SqliteMetadataStore(Path.Combine(_dir, "vault.db")));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
