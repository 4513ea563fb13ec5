using CrmRecording.Vault.Outbox;
using Npgsql;

namespace CrmRecording.Vault.Metadata;

/// <summary>
/// The outbox on PostgreSQL, for several service instances over one database: a claim takes due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two instances never hold the same job, and neither waits for the other.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    public async Task<bool> EnqueueAsync(OutboxJob job, CancellationToken cancellationToken = default) =>
        (await EnqueueAllAsync([job], cancellationToken).ConfigureAwait(false))[0];

    public Task<IReadOnlyList<bool>> EnqueueAllAsync(IReadOnlyList<OutboxJob> jobs, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<bool>>(
            async (connection, tx, ct) =>
            {
                var inserted = new bool[jobs.Count];
                for (var i = 0; i < jobs.Count; i++)
                {
                    var job = jobs[i];
                    await using var insert = new NpgsqlCommand(
                        """
                        INSERT INTO outbox (id, kind, dedupe_key, payload, created_at, attempts, next_attempt_at)
                        VALUES (@id, @kind, @key, @payload, @created, 0, @next)
                        ON CONFLICT (dedupe_key) DO NOTHING;
                        """,
                        connection,
                        tx);
                    insert.Parameters.AddWithValue("id", job.Id);
                    insert.Parameters.AddWithValue("kind", job.Kind);
                    insert.Parameters.AddWithValue("key", job.DedupeKey);
                    insert.Parameters.AddWithValue("payload", job.Payload);
                    insert.Parameters.AddWithValue("created", job.CreatedAt.ToUniversalTime());
                    insert.Parameters.AddWithValue("next", job.NextAttemptAt.ToUniversalTime());
                    inserted[i] = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
                }

                return inserted;
            },
            cancellationToken);

    public Task<IReadOnlyList<OutboxJob>> ClaimAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, OutboxKinds? kinds = null, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<OutboxJob>>(
            async (connection, tx, ct) =>
            {
                var filter = kinds ?? OutboxKinds.Any;
                await using var claim = new NpgsqlCommand(
                    $"""
                    UPDATE outbox SET claimed_by = @worker, claimed_at = @now, claimed_until = @until, attempts = attempts + 1
                    WHERE id IN (
                      SELECT id FROM outbox
                      WHERE done_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now) {filter.Condition('@')}
                      ORDER BY next_attempt_at
                      LIMIT @max
                      FOR UPDATE SKIP LOCKED)
                    RETURNING {Columns};
                    """,
                    connection,
                    tx);
                claim.Parameters.AddWithValue("worker", worker);
                claim.Parameters.AddWithValue("until", (now + lease).ToUniversalTime());
                claim.Parameters.AddWithValue("now", now.ToUniversalTime());
                claim.Parameters.AddWithValue("max", max);
                for (var i = 0; i < filter.Names.Count; i++)
                {
                    claim.Parameters.AddWithValue($"k{i}", filter.Names[i]);
                }

                var jobs = new List<OutboxJob>();
                await using var reader = await claim.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    jobs.Add(ReadJob(reader));
                }

                return jobs.OrderBy(j => j.NextAttemptAt).ToList();
            },
            cancellationToken);

    public Task<bool> RenewAsync(string id, string worker, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET claimed_until = @until WHERE id = @id AND claimed_by = @worker AND done_at IS NULL AND dead_at IS NULL;", connection, tx);
                update.Parameters.AddWithValue("until", until.ToUniversalTime());
                update.Parameters.AddWithValue("id", id);
                update.Parameters.AddWithValue("worker", worker);
                return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    public Task DeadLetterAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET dead_at = @now, claimed_by = NULL, claimed_until = NULL, last_error = @error WHERE id = @id AND done_at IS NULL;", connection, tx);
                update.Parameters.AddWithValue("now", now.ToUniversalTime());
                update.Parameters.AddWithValue("error", Truncate(reason));
                update.Parameters.AddWithValue("id", id);
                return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<IReadOnlyList<OutboxJob>> ListDeadAsync(int max, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<OutboxJob>>(
            async (connection, ct) =>
            {
                await using var select = new NpgsqlCommand($"SELECT {Columns} FROM outbox WHERE dead_at IS NOT NULL ORDER BY dead_at DESC LIMIT @max;", connection);
                select.Parameters.AddWithValue("max", max);
                var jobs = new List<OutboxJob>();
                await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    jobs.Add(ReadJob(reader));
                }

                return jobs;
            },
            cancellationToken);

    public Task<int> DeadCountAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE dead_at IS NOT NULL;", connection);
                return (int)(long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            },
            cancellationToken);

    public Task<bool> RetryAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = @now WHERE id = @id AND dead_at IS NOT NULL;", connection, tx);
                update.Parameters.AddWithValue("now", now.ToUniversalTime());
                update.Parameters.AddWithValue("id", id);
                return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    public Task<DateTimeOffset?> OldestLiveClaimAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var select = new NpgsqlCommand("SELECT MIN(claimed_at) FROM outbox WHERE done_at IS NULL AND dead_at IS NULL AND claimed_until > @now;", connection);
                select.Parameters.AddWithValue("now", now.ToUniversalTime());
                return await select.ExecuteScalarAsync(ct).ConfigureAwait(false) is DateTime oldest ? new DateTimeOffset(DateTime.SpecifyKind(oldest, DateTimeKind.Utc)) : (DateTimeOffset?)null;
            },
            cancellationToken);

    private const string Columns = "id, kind, dedupe_key, payload, created_at, attempts, next_attempt_at, last_error, dead_at";

    private static OutboxJob ReadJob(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));

    private static string Truncate(string failure) => failure.Length > 2000 ? failure[..2000] : failure;

    public Task CompleteAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET done_at = @now, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id = @id;", connection, tx);
                update.Parameters.AddWithValue("now", now.ToUniversalTime());
                update.Parameters.AddWithValue("id", id);
                return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);

    public Task CompleteAllAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET done_at = @now, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id = ANY(@ids);", connection, tx);
                update.Parameters.AddWithValue("now", now.ToUniversalTime());
                update.Parameters.AddWithValue("ids", ids.ToArray());
                return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task FailAsync(string id, string failure, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET next_attempt_at = @next, claimed_by = NULL, claimed_until = NULL, last_error = @error WHERE id = @id;", connection, tx);
                update.Parameters.AddWithValue("next", nextAttemptAt.ToUniversalTime());
                update.Parameters.AddWithValue("error", Truncate(failure));
                update.Parameters.AddWithValue("id", id);
                return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<int> PurgeDoneAsync(DateTimeOffset doneBefore, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET payload = '' WHERE done_at IS NOT NULL AND done_at < @before AND payload <> '';", connection, tx);
                update.Parameters.AddWithValue("before", doneBefore.ToUniversalTime());
                return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<int> PendingAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE done_at IS NULL AND dead_at IS NULL;", connection);
                return (int)(long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            },
            cancellationToken);
}
