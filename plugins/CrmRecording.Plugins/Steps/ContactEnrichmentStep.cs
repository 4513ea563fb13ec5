using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Plugins.Ports;
using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Schema;

namespace CrmRecording.Plugins.Steps;

/// <summary>
/// Keeps contacts and leads enriched: on create, and on update of a phone, address or consent column,
/// computes jurisdictions, evidence strength, device type, recording rule and the default decision,
/// and writes them back. Never loops on its own update: its output columns are not in its filter, and
/// an event deeper than the user's own action that changes only output columns is skipped.
/// </summary>
public sealed class ContactEnrichmentStep(ICrmRecords crm, ILineTypeLookup lineTypes, ConsentEngine engine, ContactReader reader) : IPluginStep
{
    private const int MaxDepth = 8;

    private readonly ContactEnricher _enricher = new(lineTypes, engine, reader);

    private static readonly string[] SystemColumns = ["modifiedon", "modifiedby", "modifiedonbehalfby", "versionnumber", "contactid", "leadid"];

    public static IReadOnlyList<StepRegistration> Declared { get; } =
    [
        .. new[] { CrmTables.Contact, CrmTables.Lead }.SelectMany(table => new[]
        {
            new StepRegistration($"crr.{table}.enrich.create", $"Enrich a new {table} with recording jurisdictions and decision.", "Create", table, StepStage.PostOperation, StepMode.Asynchronous, [], []),
            new StepRegistration($"crr.{table}.enrich.update", $"Re-enrich a {table} when its phone, address or consent changes.", "Update", table, StepStage.PostOperation, StepMode.Asynchronous, ContactColumns.Inputs, []),
        }),
    ];

    public IReadOnlyList<StepRegistration> Registrations => Declared;

    /// <summary>Why an event is not enriched at all (a loop, or our own write-back), or null when it is; shared with bulk enrichment.</summary>
    public static StepOutcome.Skipped? SkipReason(StepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Depth > MaxDepth)
        {
            return new StepOutcome.Skipped($"depth {context.Depth} exceeds {MaxDepth}: a loop of updates is stopped here.");
        }

        return context.Depth > 1 && context.Target.Keys.All(k => ContactColumns.Outputs.Contains(k) || SystemColumns.Contains(k))
            ? new StepOutcome.Skipped("the update only wrote enrichment columns (our own write-back).")
            : null;
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken = default)
    {
        if (SkipReason(context) is { } skipped)
        {
            return skipped;
        }

        // Always re-read: the event may carry only the changed columns, or none at all when it was too large.
        var contact = await crm.GetContactAsync(context.Table, context.RecordId, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return new StepOutcome.Skipped($"{context.Table} {context.RecordId} no longer exists.");
        }

        var repRegion = contact.OwnerId is { } owner ? await crm.GetUserRegionAsync(owner, cancellationToken).ConfigureAwait(false) : null;
        var enrichment = await _enricher.EnrichAsync(contact, repRegion, context.Now, cancellationToken).ConfigureAwait(false);
        await crm.UpdateEnrichmentAsync(context.Table, context.RecordId, enrichment, cancellationToken).ConfigureAwait(false);
        return new StepOutcome.Done(enrichment.Decision.Length == 0 ? $"not enriched: {enrichment.Reasons}" : $"{enrichment.Decision} ({enrichment.Jurisdictions})");
    }
}
