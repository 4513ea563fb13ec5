using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;

namespace CrmRecording.Cli.Enrich;

/// <summary>What enrich adds to one row: the decision in columns, or the error that stopped it.</summary>
internal readonly record struct EnrichedRow(RecordingDecision? Decision, string? Error)
{
    public IEnumerable<string> Values(string rulesVersion)
    {
        if (Decision is not { } d)
        {
            return [string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, rulesVersion, Error ?? string.Empty];
        }

        return
        [
            d.Input.Customer.Phone?.ToString() ?? string.Empty,
            d.CustomerJurisdictionCodes(),
            d.Deciding?.Rule.ToWireName() ?? "unknown-location",
            d.CustomerEvidenceStrength.ToString().ToLowerInvariant(),
            d.Input.Customer.Device.ToWireName(),
            d.Outcome.ToWireName(),
            string.Join(" | ", d.KeyReasons),
            rulesVersion,
            string.Empty,
        ];
    }
}
