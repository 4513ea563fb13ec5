using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;
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

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken = default)
    {
        if (context.Depth > MaxDepth)
        {
            return new StepOutcome.Skipped($"depth {context.Depth} exceeds {MaxDepth}: a loop of updates is stopped here.");
        }

        if (context.Depth > 1 && context.Target.Keys.All(k => ContactColumns.Outputs.Contains(k) || SystemColumns.Contains(k)))
        {
            return new StepOutcome.Skipped("the update only wrote enrichment columns (our own write-back).");
        }

        // Always re-read: the event may carry only the changed columns, or none at all when it was too large.
        var contact = await crm.GetContactAsync(context.Table, context.RecordId, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return new StepOutcome.Skipped($"{context.Table} {context.RecordId} no longer exists.");
        }

        var repRegion = contact.OwnerId is { } owner ? await crm.GetUserRegionAsync(owner, cancellationToken).ConfigureAwait(false) : null;
        var fields = contact.ToFields(repRegion);
        var read = reader.Read(fields, DateOnly.FromDateTime(context.Now.UtcDateTime));
        if (!read.IsValid)
        {
            var problem = $"{read.Field}: {read.Error}";
            await crm.UpdateEnrichmentAsync(context.Table, context.RecordId, new ContactEnrichment(string.Empty, "none", "none", contact.DeviceType ?? "unknown", string.Empty, string.Empty, problem, engine.Versions.Rules, context.Now), cancellationToken).ConfigureAwait(false);
            return new StepOutcome.Done($"not enriched: {problem}");
        }

        var input = read.Input;
        if (input.Customer.Phone is { } number && input.Customer.Device == DeviceType.Unknown && string.IsNullOrWhiteSpace(contact.DeviceType))
        {
            var device = await lineTypes.LookupAsync(number, cancellationToken).ConfigureAwait(false);
            input = input with { Customer = input.Customer with { Device = device } };
        }

        var decision = engine.Decide(input);
        var enrichment = new ContactEnrichment(
            decision.CustomerJurisdictionCodes(),
            decision.CustomerEvidence.Where(e => e.Places.Count > 0).MaxBy(e => e.Strength)?.Source ?? "no location evidence",
            decision.CustomerEvidenceStrength.ToString().ToLowerInvariant(),
            input.Customer.Device.ToWireName(),
            decision.Deciding?.Rule.ToWireName() ?? "unknown-location",
            decision.Outcome.ToWireName(),
            string.Join(" | ", decision.KeyReasons),
            decision.Versions.Rules,
            context.Now);
        await crm.UpdateEnrichmentAsync(context.Table, context.RecordId, enrichment, cancellationToken).ConfigureAwait(false);
        return new StepOutcome.Done($"{decision.Outcome.ToWireName()} ({enrichment.Jurisdictions})");
    }
}
