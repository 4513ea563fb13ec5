using CrmRecording.Cli.Vault;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Reports;
using CrmRecording.Vault.Reports;

namespace CrmRecording.Cli.Reports;

/// <summary>The call store and the vault's report source, opened as the service opens them (read only; not migrated).</summary>
internal sealed class ReportStores(SqlCallStore calls, IVaultReportSource vault) : IAsyncDisposable
{
    public ICallReportSource Calls => calls;

    public IVaultReportSource Vault => vault;

    /// <summary>Refuses a call store an earlier version of the service wrote (the CLI does not migrate; the service does as it starts).</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (!await calls.HasReportColumnsAsync(cancellationToken))
        {
            throw new UsageException("--data: the call store was written by an earlier version of the service, without the report's columns; start the service of this version once (it adds them as it starts), then run the report again.");
        }
    }

    public static ReportStores Open(DirectoryInfo data)
    {
        if (Environment.GetEnvironmentVariable("Vault__Metadata")?.Trim().ToLowerInvariant() == "postgres")
        {
            var connection = Environment.GetEnvironmentVariable("Vault__Postgres") is { Length: > 0 } c ? c : throw new UsageException("Vault__Postgres: set it to the PostgreSQL connection string (Host=...;Database=...;Username=...).");
            return new ReportStores(SqlCallStore.ForPostgres(connection), new PostgresVaultReportSource(connection));
        }

        var callsFile = Path.Combine(data.FullName, "calls.db");
        var vaultFile = Path.Combine(data.FullName, "vault.db");
        foreach (var file in new[] { callsFile, vaultFile }.Where(f => !File.Exists(f)))
        {
            throw new UsageException($"--data: {file} does not exist; point --data at the service's data directory (Service:DataDirectory, ./data by default).");
        }

        return new ReportStores(SqlCallStore.ForSqlite(callsFile), new SqliteVaultReportSource(vaultFile));
    }

    /// <summary>Teams as the service's configuration names them in the environment: <c>Reports__Teams__NAME__0=REPID</c>.</summary>
    public static Dictionary<string, string[]> Teams()
    {
        const string prefix = "Reports__Teams__";
        return Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value))
            .Where(e => e.Item1.StartsWith(prefix, StringComparison.Ordinal) && e.Item1.Length > prefix.Length && e.Item2 is { Length: > 0 })
            .Select(e => (Name: e.Item1[prefix.Length..].Split("__")[0], Rep: e.Item2!.Trim()))
            .GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Rep).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The service's public address (<c>Service__PublicUrl</c>), so a report saved as a file links to the player; none when unset.</summary>
    public static Uri? ServiceBase() =>
        Uri.TryCreate(Environment.GetEnvironmentVariable("Service__PublicUrl"), UriKind.Absolute, out var url) ? url : null;

    public async ValueTask DisposeAsync()
    {
        await calls.DisposeAsync();
        await vault.DisposeAsync();
    }
}
