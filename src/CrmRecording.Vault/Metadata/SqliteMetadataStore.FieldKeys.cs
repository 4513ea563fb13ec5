using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Keys;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Vault.Metadata;

/// <summary>Wrapped field keys in the same SQLite file as the recordings' keys.</summary>
public sealed partial class SqliteMetadataStore : IFieldKeyStore
{
    public async Task<WrappedKey?> GetFieldKeyAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListFieldKeysAsync(name, cancellationToken).ConfigureAwait(false)).Select(k => k.Key).FirstOrDefault();

    public async Task<bool> AddFieldKeyAsync(string name, WrappedKey key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO field_keys (name, key_id, wrap_algorithm, wrapped_key, created_at) VALUES ($name, $key, $algorithm, $wrapped, $at) ON CONFLICT (name) DO NOTHING;";
        insert.Parameters.AddWithValue("$name", name);
        insert.Parameters.AddWithValue("$key", key.KeyId);
        insert.Parameters.AddWithValue("$algorithm", key.Algorithm);
        insert.Parameters.AddWithValue("$wrapped", key.Bytes);
        insert.Parameters.AddWithValue("$at", Iso(now));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<(string Name, WrappedKey Key)>> ListFieldKeysAsync(CancellationToken cancellationToken = default) =>
        ListFieldKeysAsync(null, cancellationToken);

    public async Task ReplaceFieldKeyAsync(string name, WrappedKey key, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = "UPDATE field_keys SET key_id = $key, wrap_algorithm = $algorithm, wrapped_key = $wrapped WHERE name = $name;";
            update.Parameters.AddWithValue("$name", name);
            update.Parameters.AddWithValue("$key", key.KeyId);
            update.Parameters.AddWithValue("$algorithm", key.Algorithm);
            update.Parameters.AddWithValue("$wrapped", key.Bytes);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException($"No field key '{name}' in the metadata store.");
            }
        }

        await AppendAsync(connection, tx, audit, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<(string Name, WrappedKey Key)>> ListFieldKeysAsync(string? name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT name, key_id, wrap_algorithm, wrapped_key FROM field_keys WHERE $name IS NULL OR name = $name ORDER BY name;";
        select.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        var keys = new List<(string, WrappedKey)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add((reader.GetString(0), new WrappedKey(reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3))));
        }

        return keys;
    }
}
