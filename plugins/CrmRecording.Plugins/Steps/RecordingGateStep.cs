using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Plugins.Ports;
using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Schema;

namespace CrmRecording.Plugins.Steps;

/// <summary>
/// The recording gate: when a phone call is saved with "record this call" ticked, asks the consent engine
/// and, if the law or the contact forbids recording, cancels the save with a message the rep understands.
/// Runs synchronously before the write (PreOperation), inside the rep's transaction.
/// </summary>
public sealed class RecordingGateStep(ICrmRecords crm, ConsentEngine engine, ContactReader reader) : IPluginStep
{
    public const string RecordingRequested = PhoneCallColumns.RecordingRequested;

    public static IReadOnlyList<StepRegistration> Declared { get; } =
    [
        new("crr.phonecall.gate.create", "Refuse a recorded phone call that the consent rules forbid.", "Create", CrmTables.PhoneCall, StepStage.PreOperation, StepMode.Synchronous, [], []),
        new("crr.phonecall.gate.update", "Refuse turning on recording for a call the consent rules forbid.", "Update", CrmTables.PhoneCall, StepStage.PreOperation, StepMode.Synchronous, [RecordingRequested, PhoneCallColumns.PhoneNumber, PhoneCallColumns.To, PhoneCallColumns.Regarding], [new StepImage("pre", Post: false, [RecordingRequested, PhoneCallColumns.PhoneNumber, PhoneCallColumns.Regarding])]),
    ];

    public IReadOnlyList<StepRegistration> Registrations => Declared;

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken = default)
    {
        if (context.Value(RecordingRequested) is not true)
        {
            return new StepOutcome.Skipped("recording is not requested on this call.");
        }

        if (Customer(context) is not { } customer)
        {
            return new StepOutcome.Rejected("This call can't be recorded: it has no contact or lead to call, so nobody can say what the law requires. Add the customer as the call's recipient, or untick 'Record this call'.");
        }

        var contact = await crm.GetContactAsync(customer.Table, customer.Id, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return new StepOutcome.Rejected($"This call can't be recorded: the {customer.Table} it is for was not found.");
        }

        var repRegion = await crm.GetUserRegionAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        var fields = contact.ToFields(repRegion, context.Value(PhoneCallColumns.PhoneNumber) as string);
        var read = reader.Read(fields, DateOnly.FromDateTime(context.Now.UtcDateTime));
        if (!read.IsValid)
        {
            return new StepOutcome.Rejected($"This call can't be recorded: the {customer.Table}'s {read.Field} can't be read ({read.Error}). Fix it, or untick 'Record this call'.");
        }

        var decision = engine.Decide(read.Input);
        return decision.Outcome == RecordingOutcome.DoNotRecord
            ? new StepOutcome.Rejected($"This call can't be recorded: {decision.Summary} Untick 'Record this call' to place it without recording.")
            : new StepOutcome.Done($"{decision.Outcome.ToWireName()}: {decision.Summary}");
    }

    /// <summary>The customer: the call's recipient (a contact or lead in "to"), else the row it is regarding.</summary>
    private static RecordReference? Customer(StepContext context)
    {
        if (context.Value(PhoneCallColumns.To) is IEnumerable<IReadOnlyDictionary<string, object?>> parties)
        {
            foreach (var party in parties)
            {
                if (party.TryGetValue(PhoneCallColumns.PartyId, out var id) && id is RecordReference r && CrmTables.IsCustomer(r.Table))
                {
                    return r;
                }
            }
        }

        return context.Value(PhoneCallColumns.Regarding) is RecordReference regarding && CrmTables.IsCustomer(regarding.Table) ? regarding : null;
    }
}
