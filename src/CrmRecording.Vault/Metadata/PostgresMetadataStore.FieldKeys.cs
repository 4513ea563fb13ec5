using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Keys;
using Npgsql;

namespace CrmRecording.Vault.Metadata;

/// <summary>Wrapped field keys in PostgreSQL, beside the recordings' keys.</summary>
public sealed partial class PostgresMetadataStore : IFieldKeyStore
{
    public async Task<WrappedKey?> GetFieldKeyAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListFieldKeysAsync(name, cancellationToken).ConfigureAwait(false)).Select(k => k.Key).FirstOrDefault();

    public Task<bool> AddFieldKeyAsync(string name, WrappedKey key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var insert = new NpgsqlCommand("INSERT INTO field_keys (name, key_id, wrap_algorithm, wrapped_key, created_at) VALUES (@name, @key, @algorithm, @wrapped, @at) ON CONFLICT (name) DO NOTHING;", connection, tx);
                insert.Parameters.AddWithValue("name", name);
                insert.Parameters.AddWithValue("key", key.KeyId);
                insert.Parameters.AddWithValue("algorithm", key.Algorithm);
                insert.Parameters.AddWithValue("wrapped", key.Bytes);
                insert.Parameters.AddWithValue("at", now.ToUniversalTime());
                return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<(string Name, WrappedKey Key)>> ListFieldKeysAsync(CancellationToken cancellationToken = default) =>
        ListFieldKeysAsync(null, cancellationToken);

    public Task ReplaceFieldKeyAsync(string name, WrappedKey key, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(
            async (connection, tx, ct) =>
            {
                await using (var update = new NpgsqlCommand("UPDATE field_keys SET key_id = @key, wrap_algorithm = @algorithm, wrapped_key = @wrapped WHERE name = @name;", connection, tx))
                {
                    update.Parameters.AddWithValue("name", name);
                    update.Parameters.AddWithValue("key", key.KeyId);
                    update.Parameters.AddWithValue("algorithm", key.Algorithm);
                    update.Parameters.AddWithValue("wrapped", key.Bytes);
                    if (await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                    {
                        throw new InvalidOperationException($"No field key '{name}' in the metadata store.");
                    }
                }

                await AppendAsync(connection, tx, audit, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    private Task<IReadOnlyList<(string Name, WrappedKey Key)>> ListFieldKeysAsync(string? name, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<(string Name, WrappedKey Key)>>(
            async (connection, ct) =>
            {
                await using var select = new NpgsqlCommand("SELECT name, key_id, wrap_algorithm, wrapped_key FROM field_keys WHERE @name::text IS NULL OR name = @name ORDER BY name;", connection);
                select.Parameters.Add(new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)name ?? DBNull.Value });
                var keys = new List<(string, WrappedKey)>();
                await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    keys.Add((reader.GetString(0), new WrappedKey(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3))));
                }

                return keys;
            },
            cancellationToken);
}
