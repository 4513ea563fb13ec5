using System.Globalization;
using System.Text.Json;
using CrmRecording.Core.Reports;
using CrmRecording.Service.Reports;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The calls of a period for the compliance report: a range over <c>created_at</c> (index <c>calls_created</c>), each
/// document read into only what the report needs; the customer's number is never decrypted.
/// </summary>
public sealed partial class SqlCallStore : ICallReportSource
{
    /// <summary>The statement the report runs (also what the plan tests and the benchmark explain).</summary>
    public const string ReportQuery = "SELECT document FROM calls WHERE created_at >= @from AND created_at < @to ORDER BY created_at;";

    public const string ReportIndex = "CREATE INDEX IF NOT EXISTS calls_created ON calls (created_at);";

    public async Task<IReadOnlyList<ReportCallRow>> ListForReportAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = ReportQuery;
        Add(command, "@from", Stamp(start));
        Add(command, "@to", Stamp(until));
        // The documents as UTF-8 (SQLite hands its text over as stored; PostgreSQL's comes as a string), read in order,
        // then parsed on every core: reading is one connection's work, parsing is most of the time.
        var documents = new List<byte[]>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                documents.Add(_postgres ? System.Text.Encoding.UTF8.GetBytes(reader.GetString(0)) : reader.GetFieldValue<byte[]>(0));
            }
        }

        return documents.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(d => JsonSerializer.Deserialize<CallReportDocument>(d, Json)!.ToRow())
            .ToList();
    }

    /// <summary>The form <c>created_at</c> is stored in (round-trip UTC), so text order is time order.</summary>
    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
