namespace CrmRecording.Vault.Metadata;

/// <summary>The SQLite schema as numbered migrations; a migration is never edited once released, only added.</summary>
internal static class SqliteSchema
{
    public static readonly (int Version, string Sql)[] Migrations =
    [
        (1, """
            CREATE TABLE recordings (
              id TEXT PRIMARY KEY,
              blob_name TEXT NOT NULL,
              contact_id TEXT,
              call_id TEXT,
              consent_log_ref TEXT,
              plaintext_bytes INTEGER NOT NULL,
              stored_bytes INTEGER NOT NULL,
              sha256 TEXT NOT NULL,
              chunk_size INTEGER NOT NULL,
              key_id TEXT NOT NULL,
              wrap_algorithm TEXT,
              wrapped_key BLOB,
              created_at TEXT NOT NULL,
              retention_class TEXT NOT NULL,
              delete_after TEXT,
              hold_reason TEXT,
              held_at TEXT,
              deleted_at TEXT);
            CREATE INDEX recordings_contact ON recordings (contact_id);
            CREATE INDEX recordings_call ON recordings (call_id);
            CREATE INDEX recordings_delete_after ON recordings (delete_after) WHERE deleted_at IS NULL;
            CREATE TABLE consent_log (
              id TEXT PRIMARY KEY,
              call_id TEXT NOT NULL,
              contact_id TEXT,
              at TEXT NOT NULL,
              event TEXT NOT NULL,
              method TEXT,
              jurisdictions TEXT,
              disclosure_version TEXT,
              detail TEXT);
            CREATE INDEX consent_log_call ON consent_log (call_id);
            CREATE TABLE audit_events (
              seq INTEGER PRIMARY KEY,
              at TEXT NOT NULL,
              action TEXT NOT NULL,
              actor TEXT NOT NULL,
              recording_id TEXT,
              detail TEXT,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL);
            CREATE TABLE outbox (
              id TEXT PRIMARY KEY,
              kind TEXT NOT NULL,
              dedupe_key TEXT NOT NULL UNIQUE,
              payload TEXT NOT NULL,
              created_at TEXT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_at TEXT NOT NULL,
              claimed_by TEXT,
              claimed_until TEXT,
              done_at TEXT,
              last_error TEXT);
            CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE done_at IS NULL;
            """),
        (2, """
            ALTER TABLE recordings ADD COLUMN damage TEXT;
            """),
        (3, """
            ALTER TABLE outbox ADD COLUMN claimed_at TEXT;
            ALTER TABLE outbox ADD COLUMN dead_at TEXT;
            CREATE INDEX outbox_dead ON outbox (dead_at) WHERE dead_at IS NOT NULL;
            """),
        (4, """
            CREATE TABLE field_keys (
              name TEXT PRIMARY KEY,
              key_id TEXT NOT NULL,
              wrap_algorithm TEXT NOT NULL,
              wrapped_key BLOB NOT NULL,
              created_at TEXT NOT NULL);
            """),
        (5, """
            CREATE TABLE change_marks (
              name TEXT PRIMARY KEY,
              mark INTEGER NOT NULL);
            """),
        (6, """
            CREATE INDEX audit_events_at ON audit_events (at);
            CREATE INDEX recordings_held ON recordings (held_at) WHERE deleted_at IS NULL AND held_at IS NOT NULL;
            """),
        // The report reads the trail in chain order as it verifies it; nothing reads it by time any more, and every
        // audit append paid for the index.
        (7, """
            DROP INDEX IF EXISTS audit_events_at;
            """),
    ];
}
