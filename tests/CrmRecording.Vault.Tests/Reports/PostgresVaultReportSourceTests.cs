using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Reports;
using CrmRecording.Vault.Tests.Metadata;

namespace CrmRecording.Vault.Tests.Reports;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresVaultReportSourceTests : VaultReportSourceContract
{
    private PostgresTestDatabase? _database;

    protected override async Task<(IMetadataStore Store, IVaultReportSource Source)> CreateAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return (new PostgresMetadataStore(_database.ConnectionString), new PostgresVaultReportSource(_database.ConnectionString));
    }

    public override async Task DisposeAsync()
    {
        if (_database is null)
        {
            return; // CreateAsync failed (say, CRMREC_TEST_POSTGRES unset) and reported why.
        }

        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
