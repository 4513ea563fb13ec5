using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Tests.Metadata;

namespace CrmRecording.Vault.Tests.Outbox;

/// <summary>The outbox contract on PostgreSQL, where several instances claim with FOR UPDATE SKIP LOCKED.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresOutboxTests : OutboxContract
{
    private PostgresTestDatabase? _database;

    protected override async Task<IMetadataStore> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new PostgresMetadataStore(_database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
