using CrmRecording.Service.Options;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Health;

/// <summary>The SQLite files the service keeps under its data directory, checked at start and by readiness.</summary>
internal sealed class StoreHealth(IOptions<ServiceOptions> service, IOptions<VaultOptions> vault)
{
    /// <summary>File name and full path of each SQLite store in use (none when the metadata is in PostgreSQL).</summary>
    public IEnumerable<(string Name, string Path)> SqliteStores()
    {
        if (vault.Value.Metadata == "postgres")
        {
            yield break;
        }

        var data = System.IO.Path.GetFullPath(service.Value.DataDirectory);
        yield return ("vault.db", System.IO.Path.Combine(data, "vault.db"));
        yield return ("calls.db", System.IO.Path.Combine(data, "calls.db"));
    }

    /// <returns>Each damaged store with what SQLite said; empty when all read.</returns>
    public async Task<IReadOnlyList<(string Name, string Path, string Problem)>> DamagedAsync(CancellationToken cancellationToken)
    {
        var damaged = new List<(string, string, string)>();
        foreach (var (name, path) in SqliteStores())
        {
            if (await SqliteStoreProbe.ProbeAsync(path, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                damaged.Add((name, path, problem));
            }
        }

        return damaged;
    }
}
