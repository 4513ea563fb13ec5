using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Reports;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Vault.Tests.Reports;

public sealed class SqliteVaultReportSourceTests : VaultReportSourceContract
{
    protected override Task<(IMetadataStore Store, IVaultReportSource Source)> CreateAsync() =>
        Task.FromResult<(IMetadataStore, IVaultReportSource)>((new SqliteMetadataStore(Dir.Combine("vault.db")), new SqliteVaultReportSource(Dir.Combine("vault.db"))));

    public override async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task VerifyAuditChain_EventAlteredInTheDatabase_NamesItAndTheLastOneVerified()
    {
        await ImportAsync("c1");
        await ImportAsync("c2");
        await ImportAsync("c3");
        await using (var connection = new SqliteConnection($"Data Source={Dir.Combine("vault.db")}"))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit_events SET detail = 'nothing to see' WHERE seq = 2;";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var (state, since) = await Source.VerifyAndReadAuditAsync(DateTimeOffset.MinValue);

        Assert.Equal([1L, 2L, 3L], since.Select(e => e.Sequence));
        Assert.Equal("nothing to see", since[1].Detail);
        Assert.False(state.Intact);
        Assert.Equal(2, state.BrokenAt);
        Assert.Contains("event 2 was altered", state.BrokenReason, StringComparison.Ordinal);
        Assert.Equal(1, state.LastSequence);
        Assert.Equal(3, state.Events);
    }

    [Fact]
    public async Task Migrate_DropsTheAuditTimeIndexNothingReads()
    {
        await ImportAsync("c1");
        await using var connection = new SqliteConnection($"Data Source={Dir.Combine("vault.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events';";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        Assert.DoesNotContain("audit_events_at", indexes);
    }

    [Theory]
    [InlineData("due", "recordings_delete_after")]
    [InlineData("held", "recordings_held")]
    public async Task ReportQueries_UseTheirIndexes(string query, string index)
    {
        await ImportAsync("c1");
        var sql = query == "due" ? ReportQueries.Due('$') : ReportQueries.Held;
        await using var connection = new SqliteConnection($"Data Source={Dir.Combine("vault.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue("$due", "2026-12-01");
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, line => line.Contains($"INDEX {index}", StringComparison.Ordinal));
    }
}
