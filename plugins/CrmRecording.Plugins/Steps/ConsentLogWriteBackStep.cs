using System.Globalization;
using CrmRecording.Plugins.Ports;
using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Schema;

namespace CrmRecording.Plugins.Steps;

/// <summary>
/// When the call flow records a consent event (a <c>crr_consentlog</c> row), puts a note on the phone
/// call so the opportunity timeline shows what was disclosed and answered, and, for an answer, sets the
/// contact's consent columns (granted or declined, with date, method and the log as evidence).
/// </summary>
public sealed class ConsentLogWriteBackStep(ICrmRecords crm) : IPluginStep
{
    public static IReadOnlyList<StepRegistration> Declared { get; } =
    [
        new("crr.consentlog.writeback.create", "Show a consent event on the phone call's timeline and update the contact's consent.", "Create", CrmTables.ConsentLog, StepStage.PostOperation, StepMode.Asynchronous, [], []),
    ];

    public IReadOnlyList<StepRegistration> Registrations => Declared;

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken = default)
    {
        if (context.Value(ConsentLogColumns.PhoneCall) is not RecordReference call)
        {
            return new StepOutcome.Skipped("the consent log entry names no phone call.");
        }

        var evt = context.Value(ConsentLogColumns.Event) as string ?? "consent event";
        var answer = context.Value(ConsentLogColumns.Answer) as string;
        var method = context.Value(ConsentLogColumns.Method) as string;
        var at = context.Value(ConsentLogColumns.At) as DateTimeOffset? ?? context.Now;
        var lines = new List<string>
        {
            $"Event: {evt}",
            $"When: {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}",
        };
        AddIf(lines, "Answer", answer);
        AddIf(lines, "How", method);
        AddIf(lines, "Jurisdictions", context.Value(ConsentLogColumns.Jurisdictions) as string);
        AddIf(lines, "Disclosure version", context.Value(ConsentLogColumns.DisclosureVersion) as string);
        AddIf(lines, "Call", context.Value(ConsentLogColumns.CallId) as string);
        lines.Add($"Consent log entry: {context.RecordId}");
        await crm.CreateNoteAsync(CrmTables.PhoneCall, call.Id, $"Recording consent: {evt}", string.Join("\n", lines), cancellationToken).ConfigureAwait(false);

        if (answer is "granted" or "declined" && context.Value(ConsentLogColumns.Customer) is RecordReference customer && CrmTables.IsCustomer(customer.Table))
        {
            await crm.UpdateConsentAsync(customer, answer, DateOnly.FromDateTime(at.UtcDateTime), method ?? "call", context.RecordId.ToString(), cancellationToken).ConfigureAwait(false);
            return new StepOutcome.Done($"note added; {customer.Table} consent set to {answer}");
        }

        return new StepOutcome.Done("note added");
    }

    private static void AddIf(List<string> lines, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            lines.Add($"{label}: {value}");
        }
    }
}
