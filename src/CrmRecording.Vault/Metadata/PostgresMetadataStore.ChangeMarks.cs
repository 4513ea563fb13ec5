using CrmRecording.Vault.Outbox;
using Npgsql;

namespace CrmRecording.Vault.Metadata;

/// <summary>Change marks in PostgreSQL beside the outbox, as UTC ticks; shared by every instance.</summary>
public sealed partial class PostgresMetadataStore : IChangeMarks
{
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMarksAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return ReadAsync<IReadOnlyDictionary<string, DateTimeOffset>>(
            async (connection, ct) =>
            {
                var marks = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                await using var select = new NpgsqlCommand("SELECT name, mark FROM change_marks WHERE name = ANY(@names);", connection);
                select.Parameters.AddWithValue("names", keys.Distinct(StringComparer.Ordinal).ToArray());
                await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    marks[reader.GetString(0)] = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
                }

                return marks;
            },
            cancellationToken);
    }

    public Task AdvanceMarksAsync(IReadOnlyDictionary<string, DateTimeOffset> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        return WriteAsync(
            async (connection, tx, ct) =>
            {
                foreach (var (name, mark) in marks)
                {
                    await using var upsert = new NpgsqlCommand("INSERT INTO change_marks (name, mark) VALUES (@name, @mark) ON CONFLICT (name) DO UPDATE SET mark = EXCLUDED.mark WHERE EXCLUDED.mark > change_marks.mark;", connection, tx);
                    upsert.Parameters.AddWithValue("name", name);
                    upsert.Parameters.AddWithValue("mark", mark.UtcTicks);
                    await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);
    }
}
