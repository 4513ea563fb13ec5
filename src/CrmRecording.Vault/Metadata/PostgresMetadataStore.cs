using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Recordings;
using CrmRecording.Vault.Outbox;
using Npgsql;

namespace CrmRecording.Vault.Metadata;

/// <summary>
/// The metadata store shared by several service instances: one PostgreSQL database (configuration <c>Vault:Postgres</c>).
/// Audit appends from every instance form one chain, serialised by a transaction-scoped advisory lock.
/// </summary>
/// <remarks>
/// Recording times are kept to PostgreSQL's microsecond; audit times to the .NET tick, because each event's hash covers them.
/// A connection that fails (say, after a server restart) is retried once on a fresh one, for reads and for writes whose
/// transaction had not reached its commit; a failure during the commit itself is rethrown, as its outcome is unknown.
/// </remarks>
public sealed partial class PostgresMetadataStore : IMetadataStore, IOutbox
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitter<AuditEntry, bool> _audits;

    public PostgresMetadataStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _audits = new(CommitAuditsAsync);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        while (await WriteAsync(ApplyNextMigrationAsync, cancellationToken).ConfigureAwait(false))
        {
        }
    }

    public Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                try
                {
                    return await CurrentVersionAsync(connection, null, ct).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    return 0;
                }
            },
            cancellationToken);

    public Task AddRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using (var insert = new NpgsqlCommand($"INSERT INTO recordings ({RecordingRows.Columns}) VALUES ({RecordingRows.ParametersWith('@')});", connection, tx))
                {
                    RecordingRows.Bind(insert, recording, Utc, '@');
                    await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await AppendAsync(connection, tx, audit, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public Task<RecordingRecord?> GetRecordingAsync(RecordingId id, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {RecordingRows.Columns} FROM recordings WHERE id = @id;", connection);
                command.Parameters.AddWithValue("id", id.Value);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? RecordingRows.Read<DateTimeOffset>(reader, Utc) : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<RecordingRecord>> ListRecordingsAsync(RecordingQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RecordingRecord>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand { Connection = connection };
                command.CommandText = RecordingRows.Select(command, query, Utc, '@');
                var list = new List<RecordingRecord>();
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    list.Add(RecordingRows.Read<DateTimeOffset>(reader, Utc));
                }

                return list;
            },
            cancellationToken);

    public Task UpdateRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                await using (var update = new NpgsqlCommand($"UPDATE recordings SET {RecordingRows.AssignmentsWith('@')} WHERE id = @id;", connection, tx))
                {
                    RecordingRows.Bind(update, recording, Utc, '@');
                    if (await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                    {
                        throw new InvalidOperationException($"Recording {recording.Id} is not in the metadata store.");
                    }
                }

                await AppendAsync(connection, tx, audit, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Group-committed: this instance's waiting events go in one transaction, under one hold of the chain's lock, so
    /// concurrent listens share one commit instead of each queueing for the lock and paying its own. Returns once the
    /// event is committed. A group whose commit failed is retried event by event, so after a connection lost during
    /// the commit itself an event may appear twice in the chain (never not at all).
    /// </summary>
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        _audits.SubmitAsync(entry, cancellationToken);

    public Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AuditEvent>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT seq, at, at_100ns, action, actor, recording_id, detail, prev_hash, hash FROM audit_events ORDER BY seq;", connection);
                var list = new List<AuditEvent>();
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var at = reader.GetFieldValue<DateTimeOffset>(1).ToUniversalTime().AddTicks(reader.GetInt16(2));
                    var entry = new AuditEntry(at, reader.GetString(3), reader.GetString(4), Text(reader, 5), Text(reader, 6));
                    list.Add(new AuditEvent(reader.GetInt64(0), entry, reader.GetString(7), reader.GetString(8)));
                }

                return list;
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _audits.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private Task<bool[]> CommitAuditsAsync(IReadOnlyList<AuditEntry> entries) =>
        WriteAsync(
            async (connection, tx, ct) =>
            {
                foreach (var entry in entries)
                {
                    await AppendAsync(connection, tx, entry, ct).ConfigureAwait(false);
                }

                return new bool[entries.Count];
            },
            CancellationToken.None);

    /// <summary>
    /// Appends inside the caller's transaction. The advisory lock is held until that transaction ends and, under READ COMMITTED,
    /// the head is read after the lock is granted, so it sees the previous holder's committed event: one chain, whatever the number
    /// of writers and instances. The primary key on <c>seq</c> would reject a fork rather than store it.
    /// </summary>
    private static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, AuditEntry entry, CancellationToken cancellationToken)
    {
        await LockAsync(connection, tx, PostgresSchema.AuditChainLock, cancellationToken).ConfigureAwait(false);
        long sequence = 1;
        var previous = AuditChain.Genesis;
        await using (var last = new NpgsqlCommand("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1;", connection, tx))
        {
            await using var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sequence = reader.GetInt64(0) + 1;
                previous = reader.GetString(1);
            }
        }

        var ticks = entry.At.UtcTicks;
        await using var insert = new NpgsqlCommand(
            "INSERT INTO audit_events (seq, at, at_100ns, action, actor, recording_id, detail, prev_hash, hash) VALUES (@seq, @at, @at_100ns, @action, @actor, @rec, @detail, @prev, @hash);",
            connection,
            tx);
        insert.Parameters.AddWithValue("seq", sequence);
        insert.Parameters.AddWithValue("at", new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero));
        insert.Parameters.AddWithValue("at_100ns", (short)(ticks % TimeSpan.TicksPerMicrosecond));
        insert.Parameters.AddWithValue("action", entry.Action);
        insert.Parameters.AddWithValue("actor", entry.Actor);
        insert.Parameters.AddWithValue("rec", (object?)entry.RecordingId ?? DBNull.Value);
        insert.Parameters.AddWithValue("detail", (object?)entry.Detail ?? DBNull.Value);
        insert.Parameters.AddWithValue("prev", previous);
        insert.Parameters.AddWithValue("hash", AuditChain.HashOf(sequence, entry, previous));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the first migration not yet applied, in its own transaction under the migration lock; false when none is left.</summary>
    private static async Task<bool> ApplyNextMigrationAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await LockAsync(connection, tx, PostgresSchema.MigrationLock, cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(PostgresSchema.CreateMigrationsTable, connection, tx))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await CurrentVersionAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        var pending = PostgresSchema.Migrations.Where(m => m.Version > current).OrderBy(m => m.Version).ToList();
        if (pending.Count == 0)
        {
            return false;
        }

        var (version, sql) = pending[0];
        await using (var migrate = new NpgsqlCommand(sql, connection, tx))
        {
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@version);", connection, tx);
        record.Parameters.AddWithValue("version", version);
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, tx);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", connection, tx);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Attempts after a connection failure, and the pause before each: a server restart takes a second or two.</summary>
    private static readonly TimeSpan[] ReconnectPauses = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Runs a read on a pooled connection; on a connection failure, again on fresh ones while the server comes back.</summary>
    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await read(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex) when (attempt <= ReconnectPauses.Length && PostgresConnectionFailure.Is(ex))
            {
                // The pool's other idle connections died with this one (a restart ends them all): drop them.
                _dataSource.Clear();
                await Task.Delay(ReconnectPauses[attempt - 1], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs a write in one transaction and commits it. A connection failure before the commit leaves nothing committed
    /// (the server rolls back a transaction whose connection is gone), so the whole write is retried on fresh
    /// connections while the server comes back; a failure during the commit is not retried, since the server may have committed.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var result = await write(connection, tx, cancellationToken).ConfigureAwait(false);
                committing = true;
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (NpgsqlException ex) when (attempt <= ReconnectPauses.Length && !committing && PostgresConnectionFailure.Is(ex))
            {
                _dataSource.Clear();
                await Task.Delay(ReconnectPauses[attempt - 1], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static DateTimeOffset Utc(DateTimeOffset at) => at.ToUniversalTime();

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
