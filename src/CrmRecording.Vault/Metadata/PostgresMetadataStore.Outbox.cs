using CrmRecording.Vault.Outbox;
using Npgsql;

namespace CrmRecording.Vault.Metadata;

/// <summary>
/// The outbox on PostgreSQL, for several service instances over one database: a claim takes due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two instances never hold the same job, and neither waits for the other.
/// </summary>
public sealed partial class PostgresMetadataStore
{
    public Task<bool> EnqueueAsync(OutboxJob job, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
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
                return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    public Task<IReadOnlyList<OutboxJob>> ClaimAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<OutboxJob>>(
            async (connection, tx, ct) =>
            {
                await using var claim = new NpgsqlCommand(
                    """
                    UPDATE outbox SET claimed_by = @worker, claimed_until = @until, attempts = attempts + 1
                    WHERE id IN (
                      SELECT id FROM outbox
                      WHERE done_at IS NULL AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                      ORDER BY next_attempt_at
                      LIMIT @max
                      FOR UPDATE SKIP LOCKED)
                    RETURNING id, kind, dedupe_key, payload, created_at, attempts, next_attempt_at, last_error;
                    """,
                    connection,
                    tx);
                claim.Parameters.AddWithValue("worker", worker);
                claim.Parameters.AddWithValue("until", (now + lease).ToUniversalTime());
                claim.Parameters.AddWithValue("now", now.ToUniversalTime());
                claim.Parameters.AddWithValue("max", max);
                var jobs = new List<OutboxJob>();
                await using var reader = await claim.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    jobs.Add(new OutboxJob(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6),
                        reader.IsDBNull(7) ? null : reader.GetString(7)));
                }

                return jobs.OrderBy(j => j.NextAttemptAt).ToList();
            },
            cancellationToken);

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

    public Task FailAsync(string id, string failure, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var update = new NpgsqlCommand("UPDATE outbox SET next_attempt_at = @next, claimed_by = NULL, claimed_until = NULL, last_error = @error WHERE id = @id;", connection, tx);
                update.Parameters.AddWithValue("next", nextAttemptAt.ToUniversalTime());
                update.Parameters.AddWithValue("error", failure.Length > 2000 ? failure[..2000] : failure);
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
                await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE done_at IS NULL;", connection);
                return (int)(long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            },
            cancellationToken);
}
