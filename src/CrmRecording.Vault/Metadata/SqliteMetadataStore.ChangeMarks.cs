using CrmRecording.Vault.Outbox;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Vault.Metadata;

/// <summary>Change marks in the same SQLite file as the outbox, as UTC ticks.</summary>
public sealed partial class SqliteMetadataStore : IChangeMarks
{
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMarksAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var marks = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return marks;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // 500 a statement stays far below SQLite's bound-parameter limit.
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT name, mark FROM change_marks WHERE name IN ({string.Join(", ", chunk.Select((_, i) => $"$k{i}"))});";
            for (var i = 0; i < chunk.Length; i++)
            {
                select.Parameters.AddWithValue($"$k{i}", chunk[i]);
            }

            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                marks[reader.GetString(0)] = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            }
        }

        return marks;
    }

    public async Task AdvanceMarksAsync(IReadOnlyDictionary<string, DateTimeOffset> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (name, mark) in marks)
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = tx;
            upsert.CommandText = "INSERT INTO change_marks (name, mark) VALUES ($name, $mark) ON CONFLICT (name) DO UPDATE SET mark = excluded.mark WHERE excluded.mark > change_marks.mark;";
            upsert.Parameters.AddWithValue("$name", name);
            upsert.Parameters.AddWithValue("$mark", mark.UtcTicks);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
