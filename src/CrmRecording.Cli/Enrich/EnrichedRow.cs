using System.Text;
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
            CustomerJurisdictions(d),
            d.Deciding?.Rule.ToWireName() ?? "unknown-location",
            d.CustomerEvidenceStrength.ToString().ToLowerInvariant(),
            d.Input.Customer.Device.ToWireName(),
            d.Outcome.ToWireName(),
            string.Join(" | ", d.KeyReasons),
            rulesVersion,
            string.Empty,
        ];
    }

    /// <summary>The customer's jurisdictions, space-separated; a country counted as all its subdivisions is written <c>US-*</c>.</summary>
    private static string CustomerJurisdictions(RecordingDecision d)
    {
        var sb = new StringBuilder();
        string? expanded = null;
        foreach (var j in d.Jurisdictions)
        {
            if (j.Party != Party.Customer)
            {
                continue;
            }

            string code;
            if (j.Basis == JurisdictionBasis.CountryWithoutSubdivision)
            {
                if (expanded == j.Code.Country)
                {
                    continue;
                }

                expanded = j.Code.Country;
                code = j.Code.Country + "-*";
            }
            else
            {
                code = j.Code.Value;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(code);
        }

        return sb.ToString();
    }
}
