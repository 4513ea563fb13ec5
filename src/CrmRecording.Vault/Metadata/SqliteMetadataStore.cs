using System.Data.Common;
using System.Globalization;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Outbox;
using CrmRecording.Vault.Recordings;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Vault.Metadata;

/// <summary>The default metadata store: one SQLite file under the data directory (WAL mode, owner-only permissions).</summary>
public sealed partial class SqliteMetadataStore : IMetadataStore, IOutbox
{
    private readonly string _connectionString;

    public SqliteMetadataStore(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full) && !OperatingSystem.IsWindows())
        {
            using (File.Create(full))
            {
            }

            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
        _writes = new(CommitGroupAsync);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);", cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var (version, sql) in SqliteSchema.Migrations.Where(m => m.Version > current))
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await Execute(connection, tx, sql, cancellationToken).ConfigureAwait(false);
            await Execute(connection, tx, $"INSERT INTO schema_migrations (version, applied_at) VALUES ({version}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));", cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO recordings ({RecordingRows.Columns}) VALUES ({RecordingRows.Parameters});";
            RecordingRows.Bind(insert, recording, Iso);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await AppendAsync(connection, tx, audit, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecordingRecord?> GetRecordingAsync(RecordingId id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RecordingRows.Columns} FROM recordings WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? RecordingRows.Read<string>(reader, ParseIso) : null;
    }

    public async Task<IReadOnlyList<RecordingRecord>> ListRecordingsAsync(RecordingQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = RecordingRows.Select(command, query, Iso, '$');
        var list = new List<RecordingRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(RecordingRows.Read<string>(reader, ParseIso));
        }

        return list;
    }

    public async Task UpdateRecordingAsync(RecordingRecord recording, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = $"UPDATE recordings SET {RecordingRows.Assignments} WHERE id = $id;";
            RecordingRows.Bind(update, recording, Iso);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException($"Recording {recording.Id} is not in the metadata store.");
            }
        }

        await AppendAsync(connection, tx, audit, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Group-committed with whatever else is waiting; returns once the event is durably in the chain.</summary>
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        _writes.SubmitAsync(new GroupWrite([], entry), cancellationToken);

    public async Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, action, actor, recording_id, detail, prev_hash, hash FROM audit_events ORDER BY rowid;";
        var list = new List<AuditEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = new AuditEntry(ParseIso(reader.GetString(1)), reader.GetString(2), reader.GetString(3), Nullable(reader, 4), Nullable(reader, 5));
            list.Add(new AuditEvent(reader.GetInt64(0), entry, reader.GetString(6), reader.GetString(7)));
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Appends inside the caller's write transaction, which SQLite serialises, so the chain has one head.</summary>
    private static async Task AppendAsync(SqliteConnection connection, SqliteTransaction tx, AuditEntry entry, CancellationToken cancellationToken)
    {
        long sequence = 1;
        var previous = AuditChain.Genesis;
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = tx;
            last.CommandText = "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1;";
            await using var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sequence = reader.GetInt64(0) + 1;
                previous = reader.GetString(1);
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO audit_events (seq, at, action, actor, recording_id, detail, prev_hash, hash) VALUES ($seq, $at, $action, $actor, $rec, $detail, $prev, $hash);";
        insert.Parameters.AddWithValue("$seq", sequence);
        insert.Parameters.AddWithValue("$at", Iso(entry.At));
        insert.Parameters.AddWithValue("$action", entry.Action);
        insert.Parameters.AddWithValue("$actor", entry.Actor);
        insert.Parameters.AddWithValue("$rec", (object?)entry.RecordingId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$detail", (object?)entry.Detail ?? DBNull.Value);
        insert.Parameters.AddWithValue("$prev", previous);
        insert.Parameters.AddWithValue("$hash", AuditChain.HashOf(sequence, entry, previous));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Let SQLite wait for a competing writer with its own fine-grained backoff; otherwise the driver
        // retries a locked database in coarse 150 ms sleeps, which shows as tail latency under load.
        // synchronous is per connection: every commit (a listen's audit event among them) is fsync'd before it returns.
        await Execute(connection, null, "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<int> CurrentVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            return 0;
        }
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Nullable(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private const string IsoFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads <see cref="Iso"/>'s form exactly (the fast path, as every row is written), any other ISO 8601 form generally.</summary>
    internal static DateTimeOffset ParseIso(string text) =>
        DateTimeOffset.TryParseExact(text, IsoFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact)
            ? exact
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
