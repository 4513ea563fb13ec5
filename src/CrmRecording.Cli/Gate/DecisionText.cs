using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Cli.Gate;

/// <summary>A decision explained in plain words for a rep, then the detail for whoever needs it.</summary>
internal static class DecisionText
{
    public static void Write(TextWriter o, RecordingDecision d)
    {
        o.WriteLine($"Recording: {d.Outcome.ToWireName().ToUpperInvariant().Replace('-', ' ')}");
        o.WriteLine(d.Outcome.ToPlainWords());
        o.WriteLine();
        o.WriteLine($"Why: {d.Summary}");
        if (d.CustomerEvidence.FirstOrDefault(e => e.Phone is not null) is { Phone: { } phone } evidence)
        {
            // The number as read: E.164, its country and type by the numbering plan, and what that says of the place.
            o.WriteLine($"Phone: {(phone.Info.IsValid ? phone.Describe() : $"{phone.Number}, not a valid number for {phone.Country}")}; {(evidence.Places.Count == 0 ? "places the customer nowhere" : "places the customer in " + string.Join(", ", evidence.Places))}.");
        }

        o.WriteLine();
        o.WriteLine("Jurisdictions weighed:");
        foreach (var group in d.Jurisdictions.GroupBy(j => (j.Party, Expanded: j.Basis == JurisdictionBasis.CountryWithoutSubdivision, Country: j.Code.Country)))
        {
            if (group.Key.Expanded)
            {
                var strictest = group.MaxBy(j => (j.Outcome, j.Rule))!;
                o.WriteLine($"  {Party(group.Key.Party),-9} {group.Key.Country + "-*",-7} {group.Count()} subdivisions, strictest {strictest.Code} {strictest.Rule.ToWireName()} → {strictest.Outcome.ToWireName()}");
                continue;
            }

            foreach (var j in group)
            {
                var why = j.Basis == JurisdictionBasis.NationalFloor ? "national law" : string.Join("; ", j.Evidence.Select(e => e.Source));
                o.WriteLine($"  {Party(j.Party),-9} {j.Code.Value,-7} {j.Rule.ToWireName(),-21} → {j.Outcome.ToWireName(),-21} {why}".TrimEnd());
            }
        }

        if (d.Jurisdictions.Count == 0)
        {
            o.WriteLine("  (none: nothing places the customer or the rep)");
        }

        o.WriteLine();
        o.WriteLine("Reasons:");
        foreach (var reason in d.Reasons.Skip(1))
        {
            o.WriteLine($"  - {reason}");
        }

        o.WriteLine();
        o.WriteLine($"As of {d.Input.AsOf:yyyy-MM-dd} · rules {d.Versions.Rules} · calling codes {d.Versions.CallingCodes} · area codes {d.Versions.AreaCodes} · phone metadata {d.Versions.PhoneMetadata} · policy {d.Versions.Policy}");
    }

    private static string Party(Party party) => party switch
    {
        Core.Decisions.Party.Customer => "customer",
        Core.Decisions.Party.Rep => "rep",
        _ => "recording",
    };
}
