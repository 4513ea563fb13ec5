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
    ];

    public static string Columns { get; } = string.Join(", ", Names);

    public static string Parameters { get; } = string.Join(", ", Names.Select(n => "$" + n));

    public static string Assignments { get; } = string.Join(", ", Names.Skip(1).Select(n => $"{n} = ${n}"));

    public static void Bind<TTime>(DbCommand command, RecordingRecord r, Func<DateTimeOffset, TTime> time)
        where TTime : notnull
    {
        object?[] values =
        [
            r.Id.Value, r.BlobName, r.ContactId, r.CallId, r.ConsentLogRef, r.PlaintextBytes, r.StoredBytes, r.Sha256, r.ChunkSize,
            r.KeyId, r.WrappedKey?.Algorithm, r.WrappedKey?.Bytes, time(r.CreatedAt), r.RetentionClass,
            r.DeleteAfter is { } d ? time(d) : null, r.HoldReason, r.HeldAt is { } h ? time(h) : null, r.DeletedAt is { } x ? time(x) : null,
        ];
        for (var i = 0; i < Names.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "$" + Names[i];
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
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
        };
    }
}
