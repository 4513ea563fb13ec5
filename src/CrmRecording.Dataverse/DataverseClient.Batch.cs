using System.Collections.Concurrent;
using System.Text;
using CrmRecording.Dataverse.Http;

namespace CrmRecording.Dataverse;

/// <summary>
/// <c>$batch</c> (Microsoft Learn, "Execute batch operations using the Web API"): many updates in one request, as one
/// change set, for tables that do not support <c>UpdateMultiple</c>; and the choice between the two.
/// </summary>
public sealed partial class DataverseClient
{
    /// <summary>Requests per <c>$batch</c>: Dataverse refuses more than 1,000.</summary>
    public const int MaxBatchOperations = 1_000;

    /// <summary>Dataverse's answer to a message a table does not support ("The 'UpdateMultiple' method does not support entities of type …").</summary>
    public const string MessageNotSupportedCode = "0x80040800";

    // Tables that answered UpdateMultiple with MessageNotSupportedCode: they get $batch from then on, without asking again.
    private readonly ConcurrentDictionary<string, bool> withoutUpdateMultiple = new(StringComparer.Ordinal);

    /// <summary>
    /// Updates existing rows the cheapest way the table allows: <see cref="UpdateMultipleAsync"/>, or, when Dataverse answers
    /// that the table does not support it, <see cref="UpdateInBatchAsync"/> (remembered for the table, so later calls go
    /// straight to <c>$batch</c>). Either way a chunk is one transaction.
    /// </summary>
    public async Task UpdateRowsAsync(DataverseTable table, IReadOnlyList<(Guid Id, IReadOnlyDictionary<string, object?> Columns)> rows, CancellationToken cancellationToken = default)
    {
        if (!withoutUpdateMultiple.ContainsKey(table.LogicalName))
        {
            try
            {
                await UpdateMultipleAsync(table, rows, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DataverseException e) when (e.ErrorCode == MessageNotSupportedCode)
            {
                withoutUpdateMultiple[table.LogicalName] = true;
            }
        }

        await UpdateInBatchAsync(table, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates existing rows with <c>POST $batch</c>, up to <see cref="MaxBatchOperations"/> a request, each request one
    /// change set of <c>PATCH {set}({id})</c> with <c>If-Match: *</c> (so a missing row fails instead of being created):
    /// the set is one transaction, and the first failure is thrown as that request's <see cref="DataverseException"/>.
    /// </summary>
    public async Task UpdateInBatchAsync(DataverseTable table, IReadOnlyList<(Guid Id, IReadOnlyDictionary<string, object?> Columns)> rows, CancellationToken cancellationToken = default)
    {
        _ = PrimaryKey(table);
        ThrowIfInvalid(rows);
        foreach (var chunk in rows.Chunk(MaxBatchOperations))
        {
            var boundary = $"batch_{Guid.NewGuid():D}";
            var request = new ODataRequest(HttpMethod.Post, Resource("$batch"))
            {
                Body = Encoding.UTF8.GetBytes(ChangeSetOfUpdates(boundary, table, chunk)),
                ContentType = $"multipart/mixed; boundary={boundary}",

                // A failed change set is then answered as its own part of a 200, with its error, not as the batch's status.
                Prefer = "odata.continue-on-error",
            };
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var results = await BatchResponseReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (results.FirstOrDefault(r => r.Error is not null)?.Error is { } error)
            {
                throw error;
            }

            if (results.Count != chunk.Length)
            {
                throw new DataverseException((int)response.StatusCode, null, $"The $batch answered {results.Count} responses for {chunk.Length} updates.", DataverseErrorReader.RequestId(response));
            }
        }
    }

    private string ChangeSetOfUpdates(string boundary, DataverseTable table, IEnumerable<(Guid Id, IReadOnlyDictionary<string, object?> Columns)> rows)
    {
        var changeSet = $"changeset_{Guid.NewGuid():D}";
        var text = new StringBuilder()
            .Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeSet).Append("\r\n\r\n");
        var contentId = 0;
        foreach (var (id, columns) in rows)
        {
            var body = ODataBody.Object(w =>
            {
                foreach (var (column, value) in columns)
                {
                    ODataBody.Column(w, column, value);
                }
            });
            text.Append("--").Append(changeSet).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n")
                .Append("Content-ID: ").Append(++contentId).Append("\r\n\r\n")
                .Append("PATCH ").Append(ApiBase.AbsolutePath).Append(table.EntitySetName).Append('(').Append(id.ToString("D")).Append(") HTTP/1.1\r\n")
                .Append("Content-Type: application/json\r\n")
                .Append("If-Match: *\r\n\r\n")
                .Append(Encoding.UTF8.GetString(body)).Append("\r\n");
        }

        return text.Append("--").Append(changeSet).Append("--\r\n")
            .Append("--").Append(boundary).Append("--\r\n")
            .ToString();
    }
}
