using System.Data.Common;
using System.Globalization;
using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Audit;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>Generated calls with their consent events, pauses, recordings, listens and retention rows, for the report benchmark.</summary>
internal static class ReportData
{
    private static readonly RecordingOutcome[] Decisions = [RecordingOutcome.Record, RecordingOutcome.RecordAfterNotice, RecordingOutcome.RecordAfterConsent, RecordingOutcome.DoNotRecord];
    private static readonly string[] Places = ["US-CA", "US-TX", "US-NY", "GB", "DE", "FR"];
    private static readonly string[] Rules = ["all-party", "one-party", "one-party", "notice-required", "all-party", "all-party"];

    public static CallRecord Call(int i, DateTimeOffset at, Random random)
    {
        var decision = Decisions[random.Next(Decisions.Length)];
        var place = random.Next(Places.Length);
        var id = i.ToString("x32", CultureInfo.InvariantCulture);
        var recorded = decision != RecordingOutcome.DoNotRecord && random.Next(5) > 0;
        return new CallRecord
        {
            Id = id,
            Crm = "dynamics",
            Entity = "contact",
            RecordId = new Guid(i, 1, 1, [1, 2, 3, 4, 5, 6, 7, 8]),
            CustomerTable = "contact",
            CustomerId = new Guid(i, 2, 2, [1, 2, 3, 4, 5, 6, 7, 8]),
            RepUserId = new Guid(random.Next(50), 3, 3, [1, 2, 3, 4, 5, 6, 7, 8]),
            RepName = "Rep " + random.Next(50).ToString(CultureInfo.InvariantCulture),
            CustomerPhone = "+1415555" + (i % 10000).ToString("D4", CultureInfo.InvariantCulture),
            Decision = decision,
            Reasons = [$"{decision}: the strictest rule is {Rules[place]} in {Places[place]}."],
            Jurisdictions = [Places[place], "US"],
            DecidingJurisdiction = Places[place],
            DecidingRule = Rules[place],
            RulesVersion = "rules 2026.11.1; policy default",
            CallbackBase = new Uri("https://media.example.com/"),
            Language = "en-US",
            CreatedAt = at,
            EndedAt = at.AddSeconds(random.Next(30, 1200)),
            ConsentEvents = decision == RecordingOutcome.RecordAfterConsent
                ? [new ConsentEvent("disclosure-played", at.AddSeconds(4), null, "none", null, "consent", "2026.11.1", "en-US", [Places[place]], id),
                   new ConsentEvent(random.Next(3) == 0 ? "consent-declined" : "consent-granted", at.AddSeconds(9), "granted", "keypad", "1", "consent", "2026.11.1", "en-US", [Places[place]], id)]
                : [],
            PausedSpans = random.Next(8) == 0 ? [new PausedSpan(at.AddSeconds(60), at.AddSeconds(60 + random.Next(10, 90)), Guid.Empty, "skip")] : [],
            Recordings = recorded ? [new CallRecording("RE" + id[2..], random.Next(50) == 0 ? "lost" : "stored", RecordingId(i), 120, StartedAt: at.AddSeconds(10))] : [],
            ManualStart = decision != RecordingOutcome.DoNotRecord && random.Next(40) == 0 ? new ManualStart(Guid.Empty, at.AddSeconds(20), "Read the disclosure aloud; the customer agreed") : null,
        };
    }

    public static string RecordingId(int i) => (i + 0x10000000).ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Listens and views of the period's recordings, chained as the vault chains them, written in one transaction.</summary>
    public static async Task<int> AuditAsync(DbConnection connection, bool postgres, IReadOnlyList<CallRecord> calls, Random random)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var previous = AuditChain.Genesis;
        long seq = 0;
        foreach (var call in calls.Where(c => c.Recordings.Count > 0 && c.Recordings[0].VaultId is not null).OrderBy(c => c.CreatedAt))
        {
            for (var k = random.Next(3); k >= 0; k--)
            {
                var entry = new AuditEntry(call.CreatedAt.AddHours(1 + k), k == 0 ? "recording-viewed" : "playback", $"crm-user:{new Guid(random.Next(8), 4, 4, [1, 2, 3, 4, 5, 6, 7, 8]):D}", call.Recordings[0].VaultId, "bytes=0-65535 status=206 basis=\"role:Recording Reviewer\" sub=\"x\" iss=\"y\"");
                seq++;
                var hash = AuditChain.HashOf(seq, entry, previous);
                await using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = postgres
                    ? "INSERT INTO audit_events (seq, at, at_100ns, action, actor, recording_id, detail, prev_hash, hash) VALUES (@s, @at, 0, @a, @o, @r, @d, @p, @h);"
                    : "INSERT INTO audit_events (seq, at, action, actor, recording_id, detail, prev_hash, hash) VALUES (@s, @at, @a, @o, @r, @d, @p, @h);";
                Add(insert, "@s", seq);
                Add(insert, "@at", postgres ? entry.At.ToUniversalTime() : entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                Add(insert, "@a", entry.Action);
                Add(insert, "@o", entry.Actor);
                Add(insert, "@r", entry.RecordingId!);
                Add(insert, "@d", entry.Detail!);
                Add(insert, "@p", previous);
                Add(insert, "@h", hash);
                await insert.ExecuteNonQueryAsync();
                previous = hash;
            }
        }

        await tx.CommitAsync();
        return (int)seq;
    }

    /// <summary>The recordings' vault rows (retention and holds), without audio.</summary>
    public static async Task RecordingsAsync(DbConnection connection, bool postgres, IReadOnlyList<CallRecord> calls, DateTimeOffset now, Random random)
    {
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var call in calls.Where(c => c.Recordings.Count > 0 && c.Recordings[0].VaultId is not null))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO recordings (id, blob_name, call_id, plaintext_bytes, stored_bytes, sha256, chunk_size, key_id, created_at, retention_class, delete_after, hold_reason, held_at) VALUES (@id, @id, @call, 1, 1, 'x', 65536, 'k1', @created, 'sales', @due, @reason, @held);";
            var held = random.Next(200) == 0;
            Add(insert, "@id", call.Recordings[0].VaultId!);
            Add(insert, "@call", call.Id);
            Add(insert, "@created", Stamp(call.CreatedAt, postgres));
            Add(insert, "@due", Stamp(now.AddDays(random.Next(-5, 400)), postgres));
            Add(insert, "@reason", held ? "litigation" : DBNull.Value);
            Add(insert, "@held", held ? Stamp(call.CreatedAt.AddDays(1), postgres) : DBNull.Value);
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private static object Stamp(DateTimeOffset at, bool postgres) => postgres ? at.ToUniversalTime() : at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
