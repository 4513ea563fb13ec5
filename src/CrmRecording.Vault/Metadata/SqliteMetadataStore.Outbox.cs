using CrmRecording.Vault.Outbox;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Vault.Metadata;

/// <summary>
/// The outbox in the same SQLite file: claims run in a write transaction, which SQLite serialises.
/// Enqueues are group-committed with the audit appends (see the GroupCommit part), so a burst of webhook deliveries
/// shares one durable fsync instead of paying one each, and none is acknowledged before its row is on disk.
/// </summary>
public sealed partial class SqliteMetadataStore
{
    public async Task<bool> EnqueueAsync(OutboxJob job, CancellationToken cancellationToken = default) =>
        (await EnqueueAllAsync([job], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The jobs travel as one item of the group commit, so they land in one transaction with whatever else is waiting.</summary>
    public async Task<IReadOnlyList<bool>> EnqueueAllAsync(IReadOnlyList<OutboxJob> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Count == 0 ? [] : await _writes.SubmitAsync(new GroupWrite(jobs, null), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> InsertAsync(SqliteConnection connection, SqliteTransaction tx, OutboxJob job)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO outbox (id, kind, dedupe_key, payload, created_at, attempts, next_attempt_at)
            VALUES ($id, $kind, $key, $payload, $created, 0, $next)
            ON CONFLICT (dedupe_key) DO NOTHING;
            """;
        insert.Parameters.AddWithValue("$id", job.Id);
        insert.Parameters.AddWithValue("$kind", job.Kind);
        insert.Parameters.AddWithValue("$key", job.DedupeKey);
        insert.Parameters.AddWithValue("$payload", job.Payload);
        insert.Parameters.AddWithValue("$created", Iso(job.CreatedAt));
        insert.Parameters.AddWithValue("$next", Iso(job.NextAttemptAt));
        return await insert.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<OutboxJob>> ClaimAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, OutboxKinds? kinds = null, CancellationToken cancellationToken = default)
    {
        kinds ??= OutboxKinds.Any;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<OutboxJob>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = $"""
                SELECT {Columns} FROM outbox
                WHERE done_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now) {kinds.Condition('$')}
                ORDER BY next_attempt_at LIMIT $max;
                """;
            select.Parameters.AddWithValue("$now", Iso(now));
            select.Parameters.AddWithValue("$max", max);
            for (var i = 0; i < kinds.Names.Count; i++)
            {
                select.Parameters.AddWithValue($"$k{i}", kinds.Names[i]);
            }

            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(ReadJob(reader));
            }
        }

        foreach (var job in jobs)
        {
            await using var claim = connection.CreateCommand();
            claim.Transaction = tx;
            claim.CommandText = "UPDATE outbox SET claimed_by = $worker, claimed_at = $now, claimed_until = $until, attempts = attempts + 1 WHERE id = $id;";
            claim.Parameters.AddWithValue("$worker", worker);
            claim.Parameters.AddWithValue("$now", Iso(now));
            claim.Parameters.AddWithValue("$until", Iso(now + lease));
            claim.Parameters.AddWithValue("$id", job.Id);
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return jobs.Select(j => j with { Attempts = j.Attempts + 1 }).ToList();
    }

    public async Task<bool> RenewAsync(string id, string worker, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE outbox SET claimed_until = $until WHERE id = $id AND claimed_by = $worker AND done_at IS NULL AND dead_at IS NULL;";
        update.Parameters.AddWithValue("$until", Iso(until));
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$worker", worker);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task DeadLetterAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE outbox SET dead_at = $now, claimed_by = NULL, claimed_until = NULL, last_error = $error WHERE id = $id AND done_at IS NULL;";
        update.Parameters.AddWithValue("$now", Iso(now));
        update.Parameters.AddWithValue("$error", Truncate(reason));
        update.Parameters.AddWithValue("$id", id);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxJob>> ListDeadAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM outbox WHERE dead_at IS NOT NULL ORDER BY dead_at DESC LIMIT $max;";
        select.Parameters.AddWithValue("$max", max);
        var jobs = new List<OutboxJob>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(ReadJob(reader));
        }

        return jobs;
    }

    public async Task<int> DeadCountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM outbox WHERE dead_at IS NOT NULL;";
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> RetryAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = $now WHERE id = $id AND dead_at IS NOT NULL;";
        update.Parameters.AddWithValue("$now", Iso(now));
        update.Parameters.AddWithValue("$id", id);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<DateTimeOffset?> OldestLiveClaimAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT MIN(claimed_at) FROM outbox WHERE done_at IS NULL AND dead_at IS NULL AND claimed_until > $now;";
        select.Parameters.AddWithValue("$now", Iso(now));
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string oldest ? ParseIso(oldest) : null;
    }

    private const string Columns = "id, kind, dedupe_key, payload, created_at, attempts, next_attempt_at, last_error, dead_at";

    private static OutboxJob ReadJob(SqliteDataReader reader) =>
        new(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseIso(reader.GetString(4)),
            reader.GetInt32(5), ParseIso(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : ParseIso(reader.GetString(8)));

    private static string Truncate(string failure) => failure.Length > 2000 ? failure[..2000] : failure;

    public async Task CompleteAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE outbox SET done_at = $now, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id = $id;";
        update.Parameters.AddWithValue("$now", Iso(now));
        update.Parameters.AddWithValue("$id", id);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAllAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.Transaction = tx;
        update.CommandText = "UPDATE outbox SET done_at = $now, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id = $id;";
        update.Parameters.AddWithValue("$now", Iso(now));
        var id = update.Parameters.Add("$id", SqliteType.Text);
        foreach (var each in ids)
        {
            id.Value = each;
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FailAsync(string id, string failure, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE outbox SET next_attempt_at = $next, claimed_by = NULL, claimed_until = NULL, last_error = $error WHERE id = $id;";
        update.Parameters.AddWithValue("$next", Iso(nextAttemptAt));
        update.Parameters.AddWithValue("$error", Truncate(failure));
        update.Parameters.AddWithValue("$id", id);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeDoneAsync(DateTimeOffset doneBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE outbox SET payload = '' WHERE done_at IS NOT NULL AND done_at < $before AND payload <> '';";
        update.Parameters.AddWithValue("$before", Iso(doneBefore));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM outbox WHERE done_at IS NULL AND dead_at IS NULL;";
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
