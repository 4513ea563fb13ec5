using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Calls as JSON documents in a <c>calls</c> table; the same SQL runs on SQLite and PostgreSQL. Updates are
/// compare-and-swap on <c>version</c>, so two instances handling the same call's webhooks never lose a change.
/// </summary>
public sealed class SqlCallStore : ICallStore, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly bool _postgres;
    private readonly IAsyncDisposable? _owned;

    private SqlCallStore(Func<CancellationToken, ValueTask<DbConnection>> open, bool postgres, IAsyncDisposable? owned)
    {
        _open = open;
        _postgres = postgres;
        _owned = owned;
    }

    public static SqlCallStore ForSqlite(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databasePath), Pooling = true, DefaultTimeout = 30 }.ToString();
        return new SqlCallStore(
            async ct =>
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                await using var pragma = connection.CreateCommand();
                // Wait inside SQLite for a writer to finish instead of the driver's coarse retry sleeps.
                pragma.CommandText = "PRAGMA busy_timeout = 30000;";
                await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return connection;
            },
            postgres: false,
            owned: null);
    }

    public static SqlCallStore ForPostgres(string connectionString)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        return new SqlCallStore(async ct => await source.OpenConnectionAsync(ct).ConfigureAwait(false), postgres: true, source);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (_postgres)
        {
            // Two instances starting together must not race on CREATE TABLE.
            await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(7340001);", cancellationToken).ConfigureAwait(false);
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
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(CallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO calls (id, version, created_at, manual, document) VALUES (@id, @version, @created, @manual, @document);";
        Bind(command, record with { Version = 1 });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<CallRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM calls WHERE id = @id;";
        Add(command, "@id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document ? Read(document) : null;
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

            await using var connection = await _open(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE calls SET version = @version, manual = @manual, document = @document WHERE id = @id AND version = @expected;";
            Bind(command, next);
            Add(command, "@expected", current.Version);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
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
            calls.Add(Read(reader.GetString(0)));
        }

        return calls;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static CallRecord Read(string document) =>
        JsonSerializer.Deserialize<CallRecord>(document, Json) ?? throw new InvalidDataException("A stored call document is empty.");

    private static void Bind(DbCommand command, CallRecord call)
    {
        Add(command, "@id", call.Id);
        Add(command, "@version", call.Version);
        Add(command, "@created", call.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add(command, "@manual", call.ManualStart is null ? 0 : 1);
        Add(command, "@document", JsonSerializer.Serialize(call, Json));
    }

    private static void Add(DbCommand command, string name, object value)
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
