using System.Data.Common;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Vault.Metadata;

/// <summary>Maps <see cref="RecordingRecord"/> to and from the <c>recordings</c> table's columns (shared by the SQL stores).</summary>
internal static class RecordingRows
{
    private static readonly string[] Names =
    [
        "id", "blob_name", "contact_id", "call_id", "consent_log_ref", "plaintext_bytes", "stored_bytes", "sha256", "chunk_size",
        "key_id", "wrap_algorithm", "wrapped_key", "created_at", "retention_class", "delete_after", "hold_reason", "held_at", "deleted_at",
        "damage",
    ];

    public static string Columns { get; } = string.Join(", ", Names);

    /// <summary>The placeholders for <see cref="Columns"/> with SQLite's <c>$</c> prefix.</summary>
    public static string Parameters { get; } = ParametersWith('$');

    /// <summary>The <c>SET</c> list (every column but the id) with SQLite's <c>$</c> prefix.</summary>
    public static string Assignments { get; } = AssignmentsWith('$');

    /// <summary>The placeholders for <see cref="Columns"/> with the provider's parameter prefix (Npgsql: <c>@</c>).</summary>
    public static string ParametersWith(char prefix) => string.Join(", ", Names.Select(n => prefix + n));

    /// <summary>The <c>SET</c> list (every column but the id) with the provider's parameter prefix.</summary>
    public static string AssignmentsWith(char prefix) => string.Join(", ", Names.Skip(1).Select(n => $"{n} = {prefix}{n}"));

    /// <summary>Adds one parameter per column, named with <paramref name="prefix"/> (SQLite's <c>$</c> unless told).</summary>
    public static void Bind<TTime>(DbCommand command, RecordingRecord r, Func<DateTimeOffset, TTime> time, char prefix = '$')
        where TTime : notnull
    {
        object?[] values =
        [
            r.Id.Value, r.BlobName, r.ContactId, r.CallId, r.ConsentLogRef, r.PlaintextBytes, r.StoredBytes, r.Sha256, r.ChunkSize,
            r.KeyId, r.WrappedKey?.Algorithm, r.WrappedKey?.Bytes, time(r.CreatedAt), r.RetentionClass,
            r.DeleteAfter is { } d ? time(d) : null, r.HoldReason, r.HeldAt is { } h ? time(h) : null, r.DeletedAt is { } x ? time(x) : null,
            r.Damage,
        ];
        for (var i = 0; i < Names.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = prefix + Names[i];
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
    }

    /// <summary>
    /// The SELECT for a <see cref="RecordingQuery"/>, with its parameters bound on <paramref name="command"/>,
    /// so every store filters the same way (expired means: delete-after reached and not yet deleted).
    /// </summary>
    public static string Select<TTime>(DbCommand command, RecordingQuery query, Func<DateTimeOffset, TTime> time, char prefix)
        where TTime : notnull
    {
        var where = new List<string>();
        void Bind(string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = prefix + name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        if (query.ContactId is not null)
        {
            where.Add($"contact_id = {prefix}contact");
            Bind("contact", query.ContactId);
        }

        if (query.ExpiredAsOf is { } asOf)
        {
            where.Add($"delete_after IS NOT NULL AND delete_after <= {prefix}asof");
            Bind("asof", time(asOf));
        }

        if (!query.IncludeDeleted || query.ExpiredAsOf is not null)
        {
            where.Add("deleted_at IS NULL");
        }

        return $"SELECT {Columns} FROM recordings {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY created_at, id;";
    }

    public static RecordingRecord Read<TTime>(DbDataReader reader, Func<TTime, DateTimeOffset> time)
    {
        DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : time(reader.GetFieldValue<TTime>(i));
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var keyId = reader.GetString(9);
        return new RecordingRecord
        {
            Id = RecordingId.Parse(reader.GetString(0)),
            BlobName = reader.GetString(1),
            ContactId = Text(2),
            CallId = Text(3),
            ConsentLogRef = Text(4),
            PlaintextBytes = reader.GetInt64(5),
            StoredBytes = reader.GetInt64(6),
            Sha256 = reader.GetString(7),
            ChunkSize = reader.GetInt32(8),
            KeyId = keyId,
            WrappedKey = reader.IsDBNull(11) ? null : new WrappedKey(keyId, reader.GetString(10), reader.GetFieldValue<byte[]>(11)),
            CreatedAt = At(12)!.Value,
            RetentionClass = reader.GetString(13),
            DeleteAfter = At(14),
            HoldReason = Text(15),
            HeldAt = At(16),
            DeletedAt = At(17),
            Damage = Text(18),
        };
    }
}
