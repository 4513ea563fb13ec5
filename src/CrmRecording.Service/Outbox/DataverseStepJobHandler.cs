using System.Text.Json;
using CrmRecording.Dataverse.Webhooks;
using CrmRecording.Service.Webhooks;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service.Outbox;

/// <summary>Runs a queued asynchronous Dataverse webhook step.</summary>
internal sealed class DataverseStepJobHandler(StepDispatcher dispatcher, TimeProvider time) : IOutboxJobHandler
{
    public string Kind => DataverseStepJob.Kind;

    /// <remarks>The outcome's text may quote CRM data (a phone number that would not parse), so only its kind is returned.</remarks>
    public async Task<string> RunAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize(job.Payload, WebhookJson.Default.DataverseStepJob)
            ?? throw new InvalidOperationException("The job's payload is empty.");
        var read = RemoteExecutionContextReader.Read(payload.Body, payload.SizeExceeded);
        if (!read.IsValid)
        {
            throw new InvalidOperationException($"The queued body no longer reads: {read.Error}");
        }

        var context = StepContextMapper.Map(read.Context, time.GetUtcNow());
        var route = dispatcher.Find(context) ?? throw new InvalidOperationException($"No step handles {context.Message} of {context.Table} any more.");
        var outcome = await route.Step.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
        return outcome.GetType().Name;
    }
}
