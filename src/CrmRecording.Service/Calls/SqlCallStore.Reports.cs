using System.Data.Common;
using System.Text.Json;
using CrmRecording.Core.Reports;
using CrmRecording.Service.Reports;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The calls of a period for the compliance report. What it counts of each call is kept beside the document
/// (<see cref="CallReportColumns"/>), written with every save and held in the covering index <c>calls_report</c>, so
/// the period's range is read from the index alone; only calls the report lists in full (hand starts, refused pauses,
/// lost recordings) and rows saved before the columns existed are read from their documents. The customer's number is
/// never decrypted.
/// </summary>
public sealed partial class SqlCallStore : ICallReportSource
{
    /// <summary>The statement the report runs (also what the plan tests and the benchmark explain).</summary>
    public static readonly string ReportQuery =
        "SELECT id, report_version, report_row FROM calls WHERE created_at >= @from AND created_at < @to ORDER BY created_at;";

    /// <summary>The period's calls the report reads from their documents.</summary>
    public static readonly string ReportDocumentsQuery =
        $"SELECT document FROM calls WHERE created_at >= @from AND created_at < @to AND {CallReportColumns.NeedsDocument};";

    private static readonly string InsertStatement =
        $"INSERT INTO calls (id, version, created_at, manual, settled, lost, document, {string.Join(", ", CallReportColumns.Names)}) " +
        $"VALUES (@id, @version, @created, @manual, @settled, @lost, @document, {string.Join(", ", CallReportColumns.Names.Select(n => "@" + n))});";

    private static readonly string UpdateStatement =
        $"UPDATE calls SET version = @version, manual = @manual, settled = @settled, lost = @lost, document = @document, {Assignments} WHERE id = @id AND version = @expected;";

    /// <summary>How many rows one parsing task reads (with one <see cref="CallReportRowReader"/>).</summary>
    private const int ParseChunk = 8192;

    private static string Assignments => string.Join(", ", CallReportColumns.Names.Select(n => $"{n} = @{n}"));

    /// <summary>The index: <c>created_at</c> first, then every column the report reads (PostgreSQL keeps them as included columns).</summary>
    public static string ReportIndex(bool postgres) => postgres
        ? $"CREATE INDEX IF NOT EXISTS calls_report ON calls (created_at) INCLUDE (id, manual, lost, {string.Join(", ", CallReportColumns.Names)});"
        : $"CREATE INDEX IF NOT EXISTS calls_report ON calls (created_at, id, manual, lost, {string.Join(", ", CallReportColumns.Names)});";

    public async Task<IReadOnlyList<ReportCallRow>> ListForReportAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        // Read in order on one connection, then parsed on every core. A row saved before the columns existed has none
        // (null until the migration fills it); its document gives it below, as it does for the calls listed in full.
        // Both reads see one snapshot, so every row without columns in the first is among the documents of the second.
        var ids = new List<string>();
        var stored = new List<byte[]?>();
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var snapshot = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using (var command = Period(snapshot, ReportQuery, start, until))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
                stored.Add(reader.GetInt64(1) < CallReportColumns.Version ? null
                    : _postgres ? System.Text.Encoding.UTF8.GetBytes(reader.GetString(2)) : reader.GetFieldValue<byte[]>(2));
            }
        }

        var rows = new ReportCallRow?[stored.Count];
        Parallel.For(
            0,
            (stored.Count + ParseChunk - 1) / ParseChunk,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new CallReportRowReader(),
            (chunk, _, reader) =>
            {
                for (var i = chunk * ParseChunk; i < Math.Min(stored.Count, (chunk + 1) * ParseChunk); i++)
                {
                    rows[i] = stored[i] is { } row ? reader.Read(row, ids[i]) : null;
                }

                return reader;
            },
            _ => { });
        var places = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            places[ids[i]] = i;
        }

        await using (var command = Period(snapshot, ReportDocumentsQuery, start, until))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var call = Document(reader.GetString(0));
                if (places.TryGetValue(call.Id, out var place))
                {
                    rows[place] = CallReportColumns.Evidence(call).ToRow();
                }
            }
        }

        if (Array.IndexOf(rows, null) is var missing and >= 0)
        {
            throw new InvalidDataException($"Call {ids[missing]} has neither the report's columns nor a document the report could read.");
        }

        return rows!;
    }

    /// <summary>Whether the store has the report's columns (a store no service of this version has started on has not).</summary>
    public async Task<bool> HasReportColumnsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        return await HasColumnAsync(connection, null, CallReportColumns.RowColumn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills the report's columns of rows saved before they existed (once; every save since writes its own).</summary>
    private async Task FillReportColumnsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var stale = new List<CallRecord>();
            await using (var connection = await _open(cancellationToken).ConfigureAwait(false))
            await using (var command = connection.CreateCommand())
            {
                // No order: a filled row no longer matches, and without one the covering index answers the filter.
                command.CommandText = $"SELECT document FROM calls WHERE {CallReportColumns.Stale} LIMIT 500;";
                Add(command, "@v", CallReportColumns.Version);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stale.Add(Document(reader.GetString(0)));
                }
            }

            if (stale.Count == 0)
            {
                return;
            }

            // Compare-and-swap on the version: a row changed meanwhile was saved with its columns by that change. The
            // flags added with earlier columns (hand start, lost recordings) are set again: they too were 0 on old rows.
            await Task.WhenAll(stale.Select(call => WriteAsync(
                $"UPDATE calls SET manual = @manual, lost = @lost, {Assignments} WHERE id = @id AND version = @expected;",
                c =>
                {
                    BindFlags(c, call);
                    CallReportColumns.Bind(c, call);
                    Add(c, "@id", call.Id);
                    Add(c, "@expected", call.Version);
                },
                cancellationToken))).ConfigureAwait(false);
        }
    }

    /// <summary>A stored document as the report reads it: the number stays sealed (the report never shows it).</summary>
    private static CallRecord Document(string document) =>
        JsonSerializer.Deserialize<CallRecord>(document, Json) ?? throw new InvalidDataException("A stored call document is empty.");

    private async Task AddReportColumnsAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        foreach (var column in CallReportColumns.Names)
        {
            if (!await HasColumnAsync(connection, tx, column, cancellationToken).ConfigureAwait(false))
            {
                var type = column == CallReportColumns.RowColumn ? "TEXT" : "BIGINT NOT NULL DEFAULT 0";
                await ExecuteAsync(connection, tx, $"ALTER TABLE calls ADD COLUMN {column} {type};", cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, tx, "DROP INDEX IF EXISTS calls_created;", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, ReportIndex(_postgres), cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Period(DbTransaction snapshot, string sql, DateTimeOffset start, DateTimeOffset until)
    {
        var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        Add(command, "@from", CallReportColumns.Stamp(start));
        Add(command, "@to", CallReportColumns.Stamp(until));
        return command;
    }
}
