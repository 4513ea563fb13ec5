using System.Text.Json;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Recovery;

/// <summary>The outbox payload that writes a call's consent summary (with any lost recording and why) onto its CRM phone call.</summary>
internal sealed record CallSummaryJob(string CallId, string RecordingSid)
{
    public const string Kind = "crm-call-summary";

    public OutboxJob ToOutboxJob(DateTimeOffset now) =>
        new(Guid.NewGuid().ToString("N"), Kind, $"{Kind}:{CallId}:{RecordingSid}:lost", JsonSerializer.Serialize(this), now, 0, now);
}
