using System.Net;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Http;
using CrmRecording.Emulators.Dataverse.Journal;
using CrmRecording.Emulators.Dataverse.Operations;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// Runs the registered webhook steps of a write in Dataverse's order: synchronous PreValidation (10) and
/// PreOperation (20) before the write, where a failure cancels it; synchronous PostOperation (40) after it,
/// where a failure rolls it back; asynchronous steps afterwards on background tasks, each leaving a system
/// job (<c>asyncoperation</c>) that records success or failure.
/// </summary>
internal sealed class WebhookPipeline(
    RowStore store,
    ExecutionContextWriter contexts,
    WebhookSender sender,
    WebhookJournal journal,
    DepthTracker depths,
    DataverseStandInOptions options,
    Func<string> organizationDomain,
    CancellationToken stopping)
{
    public async Task RunBeforeWriteAsync(DataEvent ev, CancellationToken cancellationToken)
    {
        foreach (var step in Steps(ev).Where(s => s.IsSynchronous && s.Stage < (int)StepStage.PostOperation))
        {
            await RunSynchronousAsync(step, ev, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RunAfterWriteAsync(DataEvent ev, CancellationToken cancellationToken)
    {
        foreach (var step in Steps(ev).Where(s => s.IsSynchronous && s.Stage >= (int)StepStage.PostOperation))
        {
            await RunSynchronousAsync(step, ev, cancellationToken).ConfigureAwait(false);
        }
    }

    public void QueueAsynchronous(DataEvent ev)
    {
        foreach (var step in Steps(ev).Where(s => !s.IsSynchronous))
        {
            journal.Track(Task.Run(() => RunAsynchronousAsync(step, ev), CancellationToken.None));
        }
    }

    private IEnumerable<RegisteredStep> Steps(DataEvent ev) =>
        StepDirectory.Find(store, ev.Message, ev.Table.LogicalName).Where(step =>
            ev.Message != "Update"
            || step.FilteringAttributes.Count == 0
            || ev.ChangedAttributes.Any(step.FilteringAttributes.Contains));

    private async Task RunSynchronousAsync(RegisteredStep step, DataEvent ev, CancellationToken cancellationToken)
    {
        var delivery = await DeliverAsync(step, ev, Guid.NewGuid(), cancellationToken).ConfigureAwait(false);
        if (delivery.SkippedBecause is null && !delivery.Succeeded)
        {
            throw new WebApiErrorException(new WebApiError(HttpStatusCode.BadRequest, WebApiError.PluginCancelledCode, Reason(step, delivery)));
        }
    }

    private async Task RunAsynchronousAsync(RegisteredStep step, DataEvent ev)
    {
        var started = options.TimeProvider.GetUtcNow();
        try
        {
            var delivery = await DeliverAsync(step, ev, null, stopping).ConfigureAwait(false);
            RecordSystemJob(step, ev, started, delivery.Succeeded || delivery.SkippedBecause is not null, delivery.SkippedBecause ?? Reason(step, delivery));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The stand-in is shutting down; an unfinished system job is what Dataverse would leave too.
        }
    }

    private async Task<WebhookDelivery> DeliverAsync(RegisteredStep step, DataEvent ev, Guid? requestId, CancellationToken cancellationToken)
    {
        var (url, authHeaders) = WebhookAuthentication.Apply(step.Endpoint);
        var input = new ExecutionContextInput(ev, step, Guid.NewGuid(), requestId, options.TimeProvider.GetUtcNow(), EntraObjectId(ev.Operation.UserId));
        var (body, trimmed) = contexts.Write(input);
        var headers = new List<KeyValuePair<string, string>>(authHeaders)
        {
            new("x-ms-dynamics-organization", organizationDomain()),
            new("x-ms-dynamics-entity-name", ev.Table.LogicalName),
            new("x-ms-dynamics-request-name", ev.Message),
            new("x-ms-correlation-request-id", ev.Operation.CorrelationId.ToString("D")),
        };
        if (trimmed)
        {
            headers.Add(new("x-ms-dynamics-msg-size-exceeded", "true"));
        }

        IReadOnlyList<WebhookAttempt> attempts = [];
        string? skipped = null;
        if (ev.Operation.Depth > options.MaxDepth)
        {
            skipped = $"Depth {ev.Operation.Depth} exceeds {options.MaxDepth}: Dataverse stops a chain of steps that calls itself.";
        }
        else
        {
            depths.Delivered(ev.Operation.CorrelationId, ev.Operation.Depth);
            attempts = await sender.SendAsync(url, headers, body, cancellationToken).ConfigureAwait(false);
        }

        var delivery = new WebhookDelivery(
            step.Id, ev.Message, ev.Table.LogicalName, ev.Id, step.Stage, step.Mode, ev.Operation.Depth, ev.Operation.CorrelationId,
            url, headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(h => h.Value)), StringComparer.OrdinalIgnoreCase),
            body, attempts)
        {
            SkippedBecause = skipped,
        };
        journal.Add(delivery);
        return delivery;
    }

    private string Reason(RegisteredStep step, WebhookDelivery delivery)
    {
        var last = delivery.Attempts.Count > 0 ? delivery.Attempts[^1] : null;
        if (options.SurfaceWebhookMessage && last is not null && FailureReason.Read(last.ResponseBody) is { } reason)
        {
            return reason;
        }

        return last?.StatusCode is { } status
            ? $"The webhook step '{step.Name}' failed: the endpoint {step.Endpoint.Url.Host} answered {status}."
            : $"The webhook step '{step.Name}' failed: {last?.Failure ?? "no attempt was made"}";
    }

    private Guid EntraObjectId(Guid userId) =>
        store.Find("systemuser", userId) is { } user && RowColumns.GetGuid(user, "azureactivedirectoryobjectid") is { } id ? id : Guid.Empty;

    private void RecordSystemJob(RegisteredStep step, DataEvent ev, DateTimeOffset started, bool succeeded, string message)
    {
        var id = Guid.NewGuid();
        var job = new JsonObject
        {
            ["asyncoperationid"] = id.ToString("D"),
            ["name"] = step.Name,
            ["operationtype"] = 1,
            ["statecode"] = 3,
            ["statuscode"] = succeeded ? 30 : 31,
            ["message"] = succeeded ? null : message,
            ["friendlymessage"] = succeeded ? null : message,
            ["correlationid"] = ev.Operation.CorrelationId.ToString("D"),
            ["createdon"] = RowColumns.Timestamp(started),
            ["completedon"] = RowColumns.Timestamp(options.TimeProvider.GetUtcNow()),
        };
        RowColumns.SetLookup(job, "owningextensionid", step.Id, "sdkmessageprocessingstep", "owningextensionid_sdkmessageprocessingstep");
        RowColumns.SetLookup(job, "regardingobjectid", ev.Id, ev.Table.LogicalName, $"regardingobjectid_{ev.Table.LogicalName}");
        store.Put("asyncoperation", id, job);
    }
}
