using System.Data.Common;
using System.Text.Json;
using CrmRecording.Vault.Metadata;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Calls as JSON documents in a <c>calls</c> table; the same SQL runs on SQLite and PostgreSQL. Updates are
/// compare-and-swap on <c>version</c>, so two instances handling the same call's webhooks never lose a change.
/// </summary>
public sealed partial class SqlCallStore : ICallStore, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly bool _postgres;
    private readonly IAsyncDisposable? _owned;
    private readonly Func<CancellationToken, ValueTask<byte[]>>? _phoneKey;

    // SQLite has one writer per file. Writes wait here, not in SQLite's busy handler (which sleeps in steps of
    // up to 100 ms), and are group-committed: one writer drains whatever is waiting into one transaction, so a
    // burst of webhooks shares one fsync; none is acknowledged before it is on disk. Null for PostgreSQL.
    private readonly GroupCommitter<PendingWrite, int>? _writes;

    private SqlCallStore(Func<CancellationToken, ValueTask<DbConnection>> open, bool postgres, IAsyncDisposable? owned, Func<CancellationToken, ValueTask<byte[]>>? phoneKey)
    {
        _open = open;
        _postgres = postgres;
        _owned = owned;
        _phoneKey = phoneKey;
        _writes = postgres ? null : new(CommitAsync);
    }

    /// <param name="phoneKey">The 32-byte key customers' numbers are encrypted with at rest; without it they are stored as given.</param>
    public static SqlCallStore ForSqlite(string databasePath, Func<CancellationToken, ValueTask<byte[]>>? phoneKey = null)
    {
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full) && !OperatingSystem.IsWindows())
        {
            // Calls hold phone numbers and consent evidence: owner-only, like the vault's own database.
            using (File.Create(full))
            {
            }

            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new SqlCallStore(
            async ct =>
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                await using var pragma = connection.CreateCommand();
                // Wait inside SQLite for a writer to finish instead of the driver's coarse retry sleeps.
                // synchronous is per connection: every commit of consent evidence is fsync'd.
                pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";
                await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return connection;
            },
            postgres: false,
            owned: null,
            phoneKey);
    }

    /// <param name="phoneKey">The 32-byte key customers' numbers are encrypted with at rest; without it they are stored as given.</param>
    public static SqlCallStore ForPostgres(string connectionString, Func<CancellationToken, ValueTask<byte[]>>? phoneKey = null)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        return new SqlCallStore(async ct => await source.OpenConnectionAsync(ct).ConfigureAwait(false), postgres: true, source, phoneKey);
    }

    /// <summary>Runs one statement: directly on PostgreSQL, group-committed on SQLite. Returns the rows it changed.</summary>
    private async Task<int> WriteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        if (_writes is null)
        {
            await using var connection = await _open(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _writes.SubmitAsync(new PendingWrite(sql, bind), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int[]> CommitAsync(IReadOnlyList<PendingWrite> group)
    {
        await using var connection = await _open(CancellationToken.None).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var changed = new int[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = group[i].Sql;
            group[i].Bind(command);
            changed[i] = await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await tx.CommitAsync().ConfigureAwait(false);
        return changed;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (_postgres)
        {
            // Two instances starting together must not race on CREATE TABLE.
            await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(7340001);", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            await using (var wal = connection.CreateCommand())
            {
                // Readers (webhooks reading a call) then never wait for a writer; commits stay fsync'd (synchronous=FULL).
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            OwnerOnly(connection.DataSource);

            tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, tx, """
            CREATE TABLE IF NOT EXISTS calls (
                id TEXT PRIMARY KEY,
                version BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                manual INTEGER NOT NULL DEFAULT 0,
                document TEXT NOT NULL);
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "CREATE INDEX IF NOT EXISTS calls_manual ON calls (manual, created_at);", cancellationToken).ConfigureAwait(false);
        // Added later: which calls reconciliation still has to look at, and how many recordings ended lost.
        foreach (var column in new[] { "settled", "lost" })
        {
            if (!await HasColumnAsync(connection, tx, column, cancellationToken).ConfigureAwait(false))
            {
                await ExecuteAsync(connection, tx, $"ALTER TABLE calls ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0;", cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, tx, "CREATE INDEX IF NOT EXISTS calls_unsettled ON calls (settled, created_at);", cancellationToken).ConfigureAwait(false);
        // Added later: what the compliance report counts of each call, in columns its covering index holds.
        await AddReportColumnsAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        await tx.DisposeAsync().ConfigureAwait(false);
        await ProtectStoredNumbersAsync(cancellationToken).ConfigureAwait(false);
        await FillReportColumnsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(CallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = record with { Version = 1 };
        var document = Serialize(stored, await KeyAsync(cancellationToken).ConfigureAwait(false));
        await WriteAsync(
            InsertStatement,
            command => Bind(command, stored, document),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<CallRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM calls WHERE id = @id;";
        Add(command, "@id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document ? await ReadAsync(document, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<CallRecord> UpdateAsync(string id, Func<CallRecord, CallRecord> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No call {id}.");
            var next = change(current) with { Id = current.Id, Version = current.Version + 1 };
            if (next == current with { Version = current.Version + 1 })
            {
                return current;
            }

            var expected = current.Version;
            var document = Serialize(next, await KeyAsync(cancellationToken).ConfigureAwait(false));
            var updated = await WriteAsync(
                UpdateStatement,
                command =>
                {
                    Bind(command, next, document);
                    Add(command, "@expected", expected);
                },
                cancellationToken).ConfigureAwait(false);
            if (updated == 1)
            {
                return next;
            }

            if (attempt >= 50)
            {
                throw new InvalidOperationException($"Call {id} kept changing under this update; gave up after {attempt + 1} attempts.");
            }
        }
    }

    public async Task<IReadOnlyList<CallRecord>> ListManualStartsAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM calls WHERE manual = 1 ORDER BY created_at DESC LIMIT @max;";
        Add(command, "@max", max);
        var calls = new List<CallRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            calls.Add(await ReadAsync(reader.GetString(0), cancellationToken).ConfigureAwait(false));
        }

        return calls;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }

        if (_writes is not null)
        {
            await _writes.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The write-ahead log and shared-memory files hold the same data as the database: owner-only too.</summary>
    private static void OwnerOnly(string? database)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(database))
        {
            return;
        }

        foreach (var file in new[] { database + "-wal", database + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private sealed record PendingWrite(string Sql, Action<DbCommand> Bind);

    private static void Bind(DbCommand command, CallRecord call, string document)
    {
        Add(command, "@id", call.Id);
        Add(command, "@version", call.Version);
        Add(command, "@created", call.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add(command, "@settled", call.IsSettled ? 1 : 0);
        BindFlags(command, call);
        Add(command, "@document", document);
        CallReportColumns.Bind(command, call);
    }

    /// <summary>Whether the call was started by hand, and how many of its recordings ended lost.</summary>
    private static void BindFlags(DbCommand command, CallRecord call)
    {
        Add(command, "@manual", call.ManualStart is null ? 0 : 1);
        Add(command, "@lost", call.Recordings.Count(r => r.Status == "lost"));
    }

    /// <summary>Binds one named parameter (the same SQL runs on both drivers).</summary>
    internal static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
