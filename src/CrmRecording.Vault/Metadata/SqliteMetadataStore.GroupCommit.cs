using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Outbox;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Vault.Metadata;

/// <summary>
/// SQLite has one writer per file. Outbox enqueues and audit appends are group-committed: one writer drains whatever
/// is waiting into one transaction, so a burst of webhook deliveries or of listens shares one durable commit instead
/// of each waiting in SQLite's busy handler (which sleeps in steps of up to 100 ms) and paying a commit of its own.
/// None is acknowledged before its row is on disk.
/// </summary>
public sealed partial class SqliteMetadataStore
{
    private readonly GroupCommitter<GroupWrite, bool[]> _writes;

    private async Task<bool[][]> CommitGroupAsync(IReadOnlyList<GroupWrite> writes)
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
        var results = new bool[writes.Count][];
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].Audit is { } audit)
            {
                await AppendAsync(connection, tx, audit, CancellationToken.None).ConfigureAwait(false);
                results[i] = [];
                continue;
            }

            var jobs = writes[i].Jobs;
            results[i] = new bool[jobs.Count];
            for (var j = 0; j < jobs.Count; j++)
            {
                results[i][j] = await InsertAsync(connection, tx, jobs[j]).ConfigureAwait(false);
            }
        }

        await tx.CommitAsync().ConfigureAwait(false);
        return results;
    }

    /// <summary>One item of a group: outbox jobs (inserted unless their dedupe key is taken), or one audit event.</summary>
    private sealed record GroupWrite(IReadOnlyList<OutboxJob> Jobs, AuditEntry? Audit);
}
