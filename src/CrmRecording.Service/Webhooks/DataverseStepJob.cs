namespace CrmRecording.Service.Webhooks;

/// <summary>An asynchronous step waiting in the outbox: the webhook body exactly as Dataverse sent it.</summary>
/// <param name="Step">The registration name of the step to run.</param>
/// <param name="Body">The RemoteExecutionContext JSON.</param>
/// <param name="SizeExceeded">Dataverse dropped the context's body for size; the step re-reads the row.</param>
internal sealed record DataverseStepJob(string Step, string Body, bool SizeExceeded)
{
    public const string Kind = "dataverse-step";

    /// <summary>Contact and lead enrichment, done in batches (coalesced per record, written back with UpdateMultiple).</summary>
    public const string EnrichKind = "dataverse-enrich";
}
