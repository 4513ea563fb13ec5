using System.Text.Json;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Ingest;

/// <summary>The outbox payload of an ingest: the call and Twilio's recording.</summary>
internal sealed record RecordingIngestJob(string CallId, string RecordingSid, string CallSid, int? DurationSeconds)
{
    public const string Kind = "twilio-recording";

    /// <summary>One job per recording: Twilio's retried callbacks carry the same RecordingSid.</summary>
    public static string DedupeKey(string recordingSid) => $"{Kind}:{recordingSid}";

    /// <summary>The job as the outbox stores it, due at <paramref name="due"/>.</summary>
    public OutboxJob ToOutboxJob(DateTimeOffset now, DateTimeOffset due) =>
        new(Guid.NewGuid().ToString("N"), Kind, DedupeKey(RecordingSid), JsonSerializer.Serialize(this), now, 0, due);
}
