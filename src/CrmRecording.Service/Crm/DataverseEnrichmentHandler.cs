using System.Text.Json;
using CrmRecording.Dataverse.Webhooks;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Ports;
using CrmRecording.Plugins.Steps;
using CrmRecording.Service.Outbox;
using CrmRecording.Service.Webhooks;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Crm;

/// <summary>
/// Enriches the contacts and leads Dataverse's asynchronous enrichment steps name, up to 200 at a time: the events
/// of one record are coalesced (the latest received wins, the rest are superseded), an event received before an
/// enrichment already written began reading the row is dropped, the rows are read and written back in bulk through
/// the CRM port (for Dataverse: queries of 100 ids and one <c>UpdateMultiple</c> per table). The Dataverse client's gate
/// keeps every request out of a known Retry-After; a throttle or outage that outlasts its retries holds the jobs for
/// the Retry-After.
/// </summary>
internal sealed class DataverseEnrichmentHandler(ICrmRecords crm, ContactEnricher enricher, IChangeMarks marks, TimeProvider time) : IOutboxBatchHandler
{
    /// <summary>Enrichments of one batch run at once (their line-type lookups are what they wait for).</summary>
    private const int EnrichmentsAtOnce = 16;

    private readonly RecordsInFlight inFlight = new();

    public string Kind => DataverseStepJob.EnrichKind;

    /// <summary>
    /// Batches in flight at once: while one waits for Dataverse or the database, the next reads or enriches. Batches that
    /// share a record run one after the other (<see cref="RecordsInFlight"/>), so the newest change still wins.
    /// </summary>
    public int Parallelism => 2;

    /// <summary>Two read queries of 100 ids and one UpdateMultiple per table.</summary>
    public int BatchSize => 200;

    public TimeSpan Linger => TimeSpan.FromMilliseconds(200);

    public async Task<IReadOnlyList<OutboxJobResult>> RunBatchAsync(IReadOnlyList<OutboxJob> jobs, CancellationToken cancellationToken)
    {
        var results = new OutboxJobResult?[jobs.Count];
        var parsed = new List<(int Index, StepContext Context)>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            if (Read(jobs[i]) is not { } context)
            {
                results[i] = OutboxJobResult.Failed(new JobRefusedException("The job's payload is not a Dataverse execution context."));
            }
            else if (ContactEnrichmentStep.SkipReason(context) is { } skipped)
            {
                results[i] = OutboxJobResult.Done($"skipped: {skipped.Reason}");
            }
            else
            {
                parsed.Add((i, context));
            }
        }

        var winners = parsed
            .GroupBy(p => MarkKey(p.Context.Table, p.Context.RecordId), StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => jobs[p.Index].CreatedAt).First())
            .ToList();
        foreach (var (index, _) in parsed.Except(winners))
        {
            results[index] = OutboxJobResult.Done("superseded by a newer change of the same record");
        }

        using var hold = inFlight.Take(winners.Select(w => MarkKey(w.Context.Table, w.Context.RecordId)));
        try
        {
            await hold.Earlier.WaitAsync(cancellationToken).ConfigureAwait(false);
            await EnrichAsync(jobs, winners, results, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A CRM outage or throttle carries its Retry-After to the worker's backoff.
            foreach (var (index, _) in winners.Where(w => results[w.Index] is null))
            {
                results[index] = OutboxJobResult.Failed(ex);
            }
        }

        return [.. results.Select(r => r!)];
    }

    private async Task EnrichAsync(IReadOnlyList<OutboxJob> jobs, List<(int Index, StepContext Context)> winners, OutboxJobResult?[] results, CancellationToken cancellationToken)
    {
        // A change received before this read began is in what the read sees: its mark is the read's start.
        var readAt = time.GetUtcNow();
        var enriched = await marks.GetMarksAsync([.. winners.Select(w => MarkKey(w.Context.Table, w.Context.RecordId))], cancellationToken).ConfigureAwait(false);
        var live = winners.Where(w =>
        {
            var stale = enriched.TryGetValue(MarkKey(w.Context.Table, w.Context.RecordId), out var mark) && jobs[w.Index].CreatedAt <= mark;
            if (stale)
            {
                results[w.Index] = OutboxJobResult.Done("older than the enrichment already written");
            }

            return !stale;
        }).ToList();
        var regions = new Dictionary<Guid, string?>();
        foreach (var table in live.GroupBy(l => l.Context.Table, StringComparer.Ordinal))
        {
            var rows = (await crm.GetContactsAsync(table.Key, [.. table.Select(l => l.Context.RecordId)], cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Id);
            var found = new List<(int Index, CrmContact Contact, string? Region)>();
            foreach (var (index, context) in table)
            {
                if (!rows.TryGetValue(context.RecordId, out var contact))
                {
                    results[index] = OutboxJobResult.Done($"the {table.Key} no longer exists");
                    continue;
                }

                found.Add((index, contact, contact.OwnerId is { } owner ? await RegionAsync(regions, owner, cancellationToken).ConfigureAwait(false) : null));
            }

            // Each enrichment may ask the line-type lookup (a remote call per new number): they run side by side, not one
            // after another, which would make a batch of 200 new numbers 200 round trips long.
            var updates = new (int Index, Guid Id, ContactEnrichment Enrichment)[found.Count];
            await Parallel.ForAsync(0, found.Count, new ParallelOptions { MaxDegreeOfParallelism = EnrichmentsAtOnce, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var (index, contact, region) = found[i];
                updates[i] = (index, contact.Id, await enricher.EnrichAsync(contact, region, readAt, ct).ConfigureAwait(false));
            }).ConfigureAwait(false);

            if (updates.Length == 0)
            {
                continue;
            }

            await crm.UpdateEnrichmentsAsync(table.Key, [.. updates.Select(u => (u.Id, u.Enrichment))], cancellationToken).ConfigureAwait(false);
            await marks.AdvanceMarksAsync(updates.ToDictionary(u => MarkKey(table.Key, u.Id), _ => readAt, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            foreach (var (index, _, _) in updates)
            {
                results[index] = OutboxJobResult.Done($"{table.Key} enriched");
            }
        }
    }

    private async Task<string?> RegionAsync(Dictionary<Guid, string?> regions, Guid owner, CancellationToken cancellationToken)
    {
        if (!regions.TryGetValue(owner, out var region))
        {
            region = regions[owner] = await crm.GetUserRegionAsync(owner, cancellationToken).ConfigureAwait(false);
        }

        return region;
    }

    internal static string MarkKey(string table, Guid id) => $"dataverse:{table}:{id:D}";

    private StepContext? Read(OutboxJob job)
    {
        try
        {
            if (JsonSerializer.Deserialize(job.Payload, WebhookJson.Default.DataverseStepJob) is not { } payload)
            {
                return null;
            }

            var read = RemoteExecutionContextReader.Read(payload.Body, payload.SizeExceeded);
            return read.IsValid ? StepContextMapper.Map(read.Context, time.GetUtcNow()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
