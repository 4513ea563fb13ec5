namespace CrmRecording.Vault.Reports;

/// <summary>The report's statements, shared by both stores (parameters prefixed by each driver's marker).</summary>
internal static class ReportQueries
{
    public const string RecordingColumns = "id, call_id, created_at, retention_class, delete_after, hold_reason, held_at";

    /// <summary>Uses the partial index <c>recordings_delete_after</c>.</summary>
    public static string Due(char marker) =>
        $"SELECT {RecordingColumns} FROM recordings WHERE deleted_at IS NULL AND delete_after < {marker}due AND held_at IS NULL ORDER BY delete_after;";

    /// <summary>Uses the partial index <c>recordings_held</c>.</summary>
    public const string Held = $"SELECT {RecordingColumns} FROM recordings WHERE deleted_at IS NULL AND held_at IS NOT NULL ORDER BY held_at;";

}
