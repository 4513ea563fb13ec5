using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;
using CrmRecording.Plugins.Ports;

namespace CrmRecording.Plugins.Steps;

/// <summary>
/// What a contact or lead's enrichment is: its jurisdictions, evidence, device type, recording rule and default
/// decision by the engine, for whichever CRM it is written back to. A line type is looked up only when the number
/// has none on file.
/// </summary>
public sealed class ContactEnricher(ILineTypeLookup lineTypes, ConsentEngine engine, ContactReader reader)
{
    public async Task<ContactEnrichment> EnrichAsync(CrmContact contact, string? repRegion, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var read = reader.Read(contact.ToFields(repRegion), DateOnly.FromDateTime(now.UtcDateTime));
        if (!read.IsValid)
        {
            return new ContactEnrichment(string.Empty, "none", "none", contact.DeviceType ?? "unknown", string.Empty, string.Empty, $"{read.Field}: {read.Error}", engine.Versions.Rules, now);
        }

        var input = read.Input;
        if (input.Customer.Phone is { } number && input.Customer.Device == DeviceType.Unknown && string.IsNullOrWhiteSpace(contact.DeviceType))
        {
            var device = await lineTypes.LookupAsync(number, cancellationToken).ConfigureAwait(false);
            input = input with { Customer = input.Customer with { Device = device } };
        }

        var decision = engine.Decide(input);
        return new ContactEnrichment(
            decision.CustomerJurisdictionCodes(),
            decision.CustomerEvidence.Where(e => e.Places.Count > 0).MaxBy(e => e.Strength)?.Source ?? "no location evidence",
            decision.CustomerEvidenceStrength.ToString().ToLowerInvariant(),
            input.Customer.Device.ToWireName(),
            decision.Deciding?.Rule.ToWireName() ?? "unknown-location",
            decision.Outcome.ToWireName(),
            string.Join(" | ", decision.KeyReasons),
            decision.Versions.Rules,
            now,
            input.Customer.Phone is { } e164 ? "+" + e164.Digits : null);
    }
}
