using System.Text.Json;
using CrmRecording.Plugins.Steps;
using CrmRecording.Salesforce;
using CrmRecording.Salesforce.Notifications;
using CrmRecording.Salesforce.Records;
using CrmRecording.Service.Outbox;
using CrmRecording.Service.Webhooks;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Crm.Salesforce;

/// <summary>
/// Enriches the Contacts and Leads the org's notifications name, up to 200 at a time: the jobs of one record are
/// coalesced (the newest change wins, the rest are superseded), a change no newer than the one already enriched is
/// dropped, each record is decided by the same engine as a Dynamics contact, and all of them are written back in
/// one sObject Collections update. An API limit or outage holds every job for the org's retry-after; a record the
/// org refuses is dead-lettered with Salesforce's reason.
/// </summary>
internal sealed class SalesforceEnrichmentHandler(
    Lazy<SalesforceClient> client,
    SalesforceCallCrm crm,
    ContactEnricher enricher,
    IChangeMarks marks,
    SalesforceNotificationSettings settings,
    TimeProvider time) : IOutboxBatchHandler
{
    private readonly RepRegions _regions = new(crm, time);

    public string Kind => SalesforceNotificationJob.Kind;

    /// <summary>A day of attempts, as Salesforce itself keeps an unacknowledged message.</summary>
    public int MaxAttempts => 40;

    public int Parallelism => 1;

    public int BatchSize => SalesforceClient.MaxCollectionSize;

    public TimeSpan Linger => settings.Linger;

    public async Task<IReadOnlyList<OutboxJobResult>> RunBatchAsync(IReadOnlyList<OutboxJob> jobs, CancellationToken cancellationToken)
    {
        var results = new OutboxJobResult?[jobs.Count];
        var parsed = new List<(int Index, SalesforceNotificationJob Job)>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            if (Read(jobs[i]) is { } job)
            {
                parsed.Add((i, job));
            }
            else
            {
                results[i] = OutboxJobResult.Failed(new JobRefusedException("The job's payload is not a Salesforce notification."));
            }
        }

        // One write per record: the newest change of each; the older ones of the same record are superseded by it.
        var winners = parsed
            .GroupBy(p => p.Job.RecordKey, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Job.ChangedAt).ThenByDescending(p => jobs[p.Index].CreatedAt).First())
            .ToList();
        foreach (var (index, _) in parsed.Except(winners))
        {
            results[index] = OutboxJobResult.Done("superseded by a newer change of the same record");
        }

        try
        {
            await EnrichAsync(winners, results, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = ex switch
            {
                SalesforceException { IsRetryLater: true } s => new RetryLaterException($"Salesforce answered {s.Status} {s.ErrorCode}: enrichment waits.", s.RetryAfter),
                CrmUnavailableException { RetryAfter: { } after } c => new RetryLaterException(c.Message, after),
                _ => ex,
            };
            foreach (var (index, _) in winners.Where(w => results[w.Index] is null))
            {
                results[index] = OutboxJobResult.Failed(failure);
            }
        }

        return [.. results.Select(r => r!)];
    }

    private async Task EnrichAsync(List<(int Index, SalesforceNotificationJob Job)> winners, OutboxJobResult?[] results, CancellationToken cancellationToken)
    {
        var enriched = await marks.GetMarksAsync([.. winners.Select(w => w.Job.RecordKey)], cancellationToken).ConfigureAwait(false);
        var live = new List<(int Index, SalesforceNotificationJob Job, SObjectRecord Record)>(winners.Count);
        var now = time.GetUtcNow();
        foreach (var (index, job) in winners)
        {
            if (enriched.TryGetValue(job.RecordKey, out var mark) && job.ChangedAt <= mark)
            {
                results[index] = OutboxJobResult.Done("older than the change already enriched");
                continue;
            }

            var notification = new OutboundNotification(job.NotificationId, job.ObjectType, SalesforceId.Parse(job.RecordId), job.Fields);
            var customer = notification.ToCustomer() ?? throw new InvalidOperationException($"A {job.ObjectType} is not enriched.");
            var region = customer.OwnerId is { } owner ? await _regions.GetAsync(owner, cancellationToken).ConfigureAwait(false) : null;
            var enrichment = await enricher.EnrichAsync(SalesforceCallCrm.ToContact(customer), region, now, cancellationToken).ConfigureAwait(false);
            live.Add((index, job, SalesforceEnrichmentRecord.For(job.ObjectType, customer.Id, enrichment)));
        }

        if (live.Count == 0)
        {
            return;
        }

        var saved = await client.Value.UpdateCollectionAsync([.. live.Select(l => l.Record)], allOrNone: false, cancellationToken).ConfigureAwait(false);
        var written = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < live.Count; i++)
        {
            if (saved[i].Success)
            {
                written[live[i].Job.RecordKey] = live[i].Job.ChangedAt;
            }
            else
            {
                results[live[i].Index] = OutboxJobResult.Failed(new JobRefusedException($"Salesforce refused the enrichment of {live[i].Job.ObjectType} {live[i].Job.RecordId}: {saved[i].Describe()}"));
            }
        }

        await marks.AdvanceMarksAsync(written, cancellationToken).ConfigureAwait(false);
        foreach (var (index, job, _) in live.Where(l => written.ContainsKey(l.Job.RecordKey)))
        {
            results[index] = OutboxJobResult.Done($"{job.ObjectType} enriched");
        }
    }

    private static SalesforceNotificationJob? Read(OutboxJob job)
    {
        try
        {
            return JsonSerializer.Deserialize(job.Payload, WebhookJson.Default.SalesforceNotificationJob) is { ObjectType: "Contact" or "Lead" } read && SalesforceId.TryParse(read.RecordId, out _) ? read : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
