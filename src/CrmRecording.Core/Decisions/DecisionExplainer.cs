using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Policy;

namespace CrmRecording.Core.Decisions;

/// <summary>Renders a <see cref="RecordingDecision"/> in sentences a rep can read and an auditor can check.</summary>
internal static class DecisionExplainer
{
    /// <param name="d">The decision.</param>
    /// <param name="detailed">
    /// With every jurisdiction's rule and the policy lines; without, only what differs from call to call
    /// (the deciding rule, the evidence, widened or unlisted places, overrides, the consent on file).
    /// </param>
    public static IReadOnlyList<string> Reasons(RecordingDecision d, bool detailed)
    {
        var reasons = new List<string> { $"{d.Outcome.ToWireName()}: {Summary(d)}" };
        AddEvidence(d, reasons);
        AddJurisdictions(d, reasons, detailed);
        if (d.Input.RepRegion is null)
        {
            reasons.Add("The rep's region is not known, so only the customer's side was weighed; set the rep's territory to include it.");
        }

        if (detailed)
        {
            foreach (var line in PolicyLines(d))
            {
                reasons.Add("Policy: " + line);
            }
        }

        var consent = Consent(d);
        if (consent is not null)
        {
            reasons.Add(consent);
        }

        return reasons;
    }

    public static IReadOnlyList<string> PolicyLines(RecordingDecision d)
    {
        var policy = d.Policy;
        var lines = new List<string>();
        var rules = d.Jurisdictions.Select(j => j.Rule).ToHashSet();
        if (rules.Contains(ConsentRule.OneParty))
        {
            lines.Add(policy.AlwaysAnnounce
                ? "one-party → record-after-notice, because alwaysAnnounce is on."
                : "one-party → record, because alwaysAnnounce is off.");
        }

        if (rules.Contains(ConsentRule.NoticeRequired))
        {
            lines.Add("notice-required → record-after-notice.");
        }

        if (rules.Overlaps([ConsentRule.AllParty, ConsentRule.AllPartyCivilOnly, ConsentRule.Ambiguous]))
        {
            lines.Add(policy.AllPartyMode == AllPartyMode.Notice
                ? "all-party, all-party-civil-only and ambiguous → record-after-notice, because allPartyMode is \"notice\" (continuing the call is taken as consent)."
                : "all-party, all-party-civil-only and ambiguous → record-after-consent (allPartyMode \"explicit-consent\").");
        }

        if (d.CustomerLocationUnknown)
        {
            lines.Add($"unknownLocation → {policy.UnknownLocation.ToWireName()} when nothing places the customer.");
        }

        if (d.Input.Consent.State == ConsentState.Granted)
        {
            lines.Add($"a granted consent is valid for {policy.ConsentValidityDays} days (consentValidityDays).");
        }

        if (policy.RecordingRegion is { } region)
        {
            lines.Add($"recordings are made in {region} (recordingRegion), so its law applies too.");
        }

        foreach (var o in d.Jurisdictions.Where(j => j.Override is not null).Select(j => j.Override!).Distinct())
        {
            lines.Add($"override {o.Code} → {o.Rule.ToWireName()}: {o.Reason}");
        }

        return lines;
    }

    /// <summary>The deciding rule or fact in one sentence, without the outcome in front.</summary>
    public static string Summary(RecordingDecision d)
    {
        var effect = d.ConsentEffect switch
        {
            ConsentEffect.DoNotRecordFlag => "the contact is flagged do-not-record",
            ConsentEffect.Declined => "the customer declined recording",
            ConsentEffect.Revoked => "the customer withdrew consent to recording",
            ConsentEffect.GrantedSatisfiesConsent => "the customer's explicit consent is already on file",
            _ => null,
        };
        if (d.Deciding is not { } j)
        {
            var unknown = $"nothing places the customer anywhere, and the policy's unknownLocation is {d.Policy.UnknownLocation.ToWireName()}";
            return effect is null ? unknown + "." : $"{effect}; without that, {unknown}.";
        }

        var law = $"the strictest rule is {j.Rule.ToWireName()} in {j.Jurisdiction.Name} ({j.Code}, {PartyName(j.Party)}; {j.Statute})";
        return effect is null ? $"{law}." : $"{effect}; without that, {law}.";
    }

    private static void AddEvidence(RecordingDecision d, List<string> reasons)
    {
        if (d.CustomerEvidence.Count == 0)
        {
            reasons.Add("Customer location: no verified location, address or phone number to go on.");
        }

        foreach (var e in d.CustomerEvidence)
        {
            reasons.Add(e.Places.Count == 0
                ? $"Customer location: {e.Source}."
                : $"Customer location: {e.Source} → {string.Join(", ", e.Places)}.");
        }

        if (d.Input.Customer.VerifiedLocation is not null)
        {
            reasons.Add("A verified location narrows the customer to itself; the address and phone number were not used.");
        }
    }

    private static void AddJurisdictions(RecordingDecision d, List<string> reasons, bool detailed)
    {
        foreach (var group in d.Jurisdictions.Where(j => j.Basis == JurisdictionBasis.CountryWithoutSubdivision).GroupBy(j => (j.Party, j.Code.Country)))
        {
            var strictest = group.MaxBy(j => (j.Outcome, j.Rule))!;
            reasons.Add(
                $"Only the country is known for the {PartyName(group.Key.Party)} ({group.Key.Country}), whose subdivisions' laws differ, so all {group.Count()} of them count; " +
                $"the strictest is {strictest.Jurisdiction.Name} ({strictest.Code}): {strictest.Rule.ToWireName()}.");
        }

        foreach (var j in d.Jurisdictions.Where(j => j.Basis != JurisdictionBasis.CountryWithoutSubdivision))
        {
            if (detailed)
            {
                var floor = j.Basis == JurisdictionBasis.NationalFloor ? ", national law alongside the state's" : string.Empty;
                reasons.Add($"{Capitalize(PartyName(j.Party))} jurisdiction {j.Code} ({j.Jurisdiction.Name}{floor}): {j.Rule.ToWireName()} → {j.Outcome.ToWireName()} [{j.Statute}].");
            }

            if (j.Jurisdiction.IsUnlisted && j.Override is null)
            {
                reasons.Add($"No rule is on file for {j.Code}, so it is treated as ambiguous, as strictly as all-party.");
            }

            if (j.Override is { } o && j.Jurisdiction.Rule != o.Rule && !j.Jurisdiction.IsUnlisted)
            {
                reasons.Add($"Policy override for {j.Code}: {o.Rule.ToWireName()} instead of {j.Jurisdiction.Rule.ToWireName()} ({o.Reason}).");
            }
        }
    }

    private static string? Consent(RecordingDecision d)
    {
        var c = d.Input.Consent;
        var days = d.Policy.ConsentValidityDays;
        var how = c.Method is null ? string.Empty : $" by {c.Method}";
        return d.ConsentEffect switch
        {
            ConsentEffect.DoNotRecordFlag => "The contact's do-not-record flag always wins.",
            ConsentEffect.Declined => $"Consent declined{On(c.Date)}{how}: a refusal always wins.",
            ConsentEffect.Revoked => $"Consent revoked{On(c.Date)}{how}: a withdrawal always wins.",
            ConsentEffect.GrantedSatisfiesConsent => $"Consent granted{On(c.Date)}{how} is within {days} days of {d.Input.AsOf:yyyy-MM-dd}: it satisfies the explicit-consent requirement; the disclosure is still played.",
            ConsentEffect.GrantedNotNeeded => $"Consent granted{On(c.Date)}{how} is on file; the rules here do not ask for more.",
            ConsentEffect.GrantedExpired => $"Consent granted{On(c.Date)} is more than {days} days before {d.Input.AsOf:yyyy-MM-dd}, so it has expired and is asked for again.",
            ConsentEffect.GrantedUndated => "Consent is marked granted but has no date, so its validity cannot be shown; it is asked for again.",
            ConsentEffect.GrantedInFuture => $"Consent is dated{On(c.Date)}, after the call ({d.Input.AsOf:yyyy-MM-dd}); it cannot count and is asked for again.",
            _ => null,
        };
    }

    private static string On(DateOnly? date) => date is { } d ? $" on {d:yyyy-MM-dd}" : string.Empty;

    private static string PartyName(Party party) => party switch
    {
        Party.Customer => "customer",
        Party.Rep => "rep",
        _ => "recording location",
    };

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
