namespace CrmRecording.Vault.Metadata;

/// <summary>
/// The PostgreSQL schema as numbered migrations, mirroring <see cref="SqliteSchema"/> in PostgreSQL types;
/// a migration is never edited once released, only added.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>
    /// The transaction-scoped advisory lock held while migrating, so that service instances starting together
    /// apply each migration once. Advisory locks are per database; the value only has to be fixed ("crmrec" + 1).
    /// </summary>
    public const long MigrationLock = 0x63726D72_65630001;

    /// <summary>The transaction-scoped advisory lock held from reading the audit chain's head until the append commits ("crmrec" + 2).</summary>
    public const long AuditChainLock = 0x63726D72_65630002;

    public const string CreateMigrationsTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());";

    public static readonly (int Version, string Sql)[] Migrations =
    [
        (1, """
            CREATE TABLE recordings (
              id text PRIMARY KEY,
              blob_name text NOT NULL,
              contact_id text,
              call_id text,
              consent_log_ref text,
              plaintext_bytes bigint NOT NULL,
              stored_bytes bigint NOT NULL,
              sha256 text NOT NULL,
              chunk_size integer NOT NULL,
              key_id text NOT NULL,
              wrap_algorithm text,
              wrapped_key bytea,
              created_at timestamptz NOT NULL,
              retention_class text NOT NULL,
              delete_after timestamptz,
              hold_reason text,
              held_at timestamptz,
              deleted_at timestamptz);
            CREATE INDEX recordings_contact ON recordings (contact_id);
            CREATE INDEX recordings_call ON recordings (call_id);
            CREATE INDEX recordings_delete_after ON recordings (delete_after) WHERE deleted_at IS NULL;
            CREATE TABLE consent_log (
              id text PRIMARY KEY,
              call_id text NOT NULL,
              contact_id text,
              at timestamptz NOT NULL,
              event text NOT NULL,
              method text,
              jurisdictions text,
              disclosure_version text,
              detail text);
            CREATE INDEX consent_log_call ON consent_log (call_id);
            -- timestamptz keeps microseconds; at_100ns keeps the tenth of a microsecond below them, because the
            -- event's hash covers its instant to the .NET tick and the chain must verify after a round trip.
            CREATE TABLE audit_events (
              seq bigint PRIMARY KEY,
              at timestamptz NOT NULL,
              at_100ns smallint NOT NULL DEFAULT 0 CHECK (at_100ns BETWEEN 0 AND 9),
              action text NOT NULL,
              actor text NOT NULL,
              recording_id text,
              detail text,
              prev_hash text NOT NULL,
              hash text NOT NULL);
            CREATE TABLE outbox (
              id text PRIMARY KEY,
              kind text NOT NULL,
              dedupe_key text NOT NULL UNIQUE,
              payload text NOT NULL,
              created_at timestamptz NOT NULL,
              attempts integer NOT NULL DEFAULT 0,
              next_attempt_at timestamptz NOT NULL,
              claimed_by text,
              claimed_until timestamptz,
              done_at timestamptz,
              last_error text);
            CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE done_at IS NULL;
            """),
        (2, """
            ALTER TABLE recordings ADD COLUMN damage text;
            """),
        (3, """
            ALTER TABLE outbox ADD COLUMN claimed_at timestamptz;
            ALTER TABLE outbox ADD COLUMN dead_at timestamptz;
            CREATE INDEX outbox_dead ON outbox (dead_at) WHERE dead_at IS NOT NULL;
            """),
        (4, """
            CREATE TABLE field_keys (
              name text PRIMARY KEY,
              key_id text NOT NULL,
              wrap_algorithm text NOT NULL,
              wrapped_key bytea NOT NULL,
              created_at timestamptz NOT NULL);
            """),
        (5, """
            CREATE TABLE change_marks (
              name text PRIMARY KEY,
              mark bigint NOT NULL);
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
