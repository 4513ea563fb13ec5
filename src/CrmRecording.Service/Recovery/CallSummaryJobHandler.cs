using System.Text.Json;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Recovery;

/// <summary>
/// Writes the call's decision and consent summary — which names each lost recording and why — onto the CRM phone
/// call (the link and duration are left as they are), then marks the lost recordings as told to the CRM.
/// </summary>
internal sealed class CallSummaryJobHandler(ICallStore calls, ICallCrm crm) : IOutboxJobHandler
{
    public string Kind => CallSummaryJob.Kind;

    public int MaxAttempts => 30;

    public async Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<CallSummaryJob>(job.Payload) ?? throw new InvalidOperationException("The job's payload is empty.");
        var call = await calls.GetAsync(payload.CallId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No call {payload.CallId}.");
        var phoneCallId = call.PhoneCallId ?? throw new RetryLaterException("The phone call activity is not created yet.");
        var told = call.Recordings.Where(r => r.Status == "lost").Select(r => r.RecordingSid).ToHashSet(StringComparer.Ordinal);
        await crm.UpdatePhoneCallAsync(phoneCallId, null, null, call, cancellationToken).ConfigureAwait(false);
        await calls.UpdateAsync(
            call.Id,
            c => c with { Recordings = [.. c.Recordings.Select(r => r.Status == "lost" && told.Contains(r.RecordingSid) ? r with { WrittenToCrm = true } : r)] },
            cancellationToken).ConfigureAwait(false);
        return "written";
    }
}
