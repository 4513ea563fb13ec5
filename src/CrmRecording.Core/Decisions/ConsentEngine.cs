using System.Collections.Frozen;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Phones;
using CrmRecording.Core.Policy;

namespace CrmRecording.Core.Decisions;

/// <summary>
/// Decides whether and how a call may be recorded. Both parties' jurisdictions count (and the
/// recording region when the policy names one); a subdivision's national law applies alongside it;
/// a country known without its state counts as all its states; the strictest rule of all of them wins.
/// Pure and deterministic: the same input, data and policy always give the same decision.
/// </summary>
public sealed class ConsentEngine
{
    private readonly JurisdictionCatalog _catalog;
    private readonly LocationResolver _resolver;
    private readonly Func<JurisdictionCode, string> _nameOf;
    private readonly Func<string, IReadOnlyList<Jurisdiction>> _subdivisionsOf;
    private readonly FrozenDictionary<string, RuleOverride> _overrides;
    private readonly FrozenDictionary<string, Jurisdiction[]> _subdivisions;
    private readonly FrozenDictionary<string, bool> _oneLaw;

    public ConsentEngine(
        RecordingPolicy policy,
        JurisdictionCatalog catalog,
        CallingCodeTable callingCodes,
        NanpAreaCodeTable areaCodes,
        Func<JurisdictionCode, string>? nameOf = null,
        PhoneNumberingPlan? numberingPlan = null)
    {
        Policy = policy;
        _nameOf = nameOf ?? (code => code.Value);
        _catalog = catalog;
        _overrides = policy.Overrides.ToFrozenDictionary(o => o.Code.Value, StringComparer.Ordinal);
        _subdivisions = catalog.All.Select(j => j.Code)
            .Concat(policy.Overrides.Select(o => o.Code))
            .Where(c => c.IsSubdivision)
            .Distinct()
            .GroupBy(c => c.Country, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(Lookup).OrderBy(j => j.Code.Value, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _subdivisionsOf = country => _subdivisions.TryGetValue(country, out var subs) ? subs : [];
        _oneLaw = _subdivisions.ToFrozenDictionary(p => p.Key, p => p.Value.All(s => RuleOf(s.Code) == RuleOf(JurisdictionCode.Parse(p.Key))), StringComparer.Ordinal);
        var plan = numberingPlan ?? PhoneNumberingPlan.Default;
        _resolver = new LocationResolver(plan, callingCodes, areaCodes, country => _oneLaw.GetValueOrDefault(country, true));
        Versions = new DataVersions(catalog.Version, callingCodes.Version, areaCodes.Version, policy.Version, plan.Version);
    }

    /// <summary>An engine over the embedded data.</summary>
    public static ConsentEngine Create(RecordingPolicy? policy = null) =>
        new(policy ?? RecordingPolicy.Default, JurisdictionCatalog.Default, CallingCodeTable.Default, NanpAreaCodeTable.Default, PlaceDirectory.Default.NameOf);

    public RecordingPolicy Policy { get; }

    public DataVersions Versions { get; }

    public RecordingDecision Decide(DecisionInput input)
    {
        var evidence = _resolver.Resolve(input.Customer);
        var places = PartyPlaces.Rent();
        for (var i = 0; i < evidence.Count; i++)
        {
            var e = evidence[i];
            for (var k = 0; k < e.Places.Count; k++)
            {
                places.Add(e.Places[k], Party.Customer, JurisdictionBasis.Named, e);
            }
        }

        if (input.RepRegion is { } rep)
        {
            places.Add(rep, Party.Rep, JurisdictionBasis.Named, null);
        }

        if (Policy.RecordingRegion is { } recording)
        {
            places.Add(recording, Party.Recording, JurisdictionBasis.Named, null);
        }

        places.Complete(_subdivisionsOf);
        var considered = new ConsideredJurisdiction[places.Count];
        ConsideredJurisdiction? deciding = null;
        var customerKnown = false;
        for (var i = 0; i < considered.Length; i++)
        {
            var (code, party, basis, support) = places[i];
            var jurisdiction = Lookup(code);
            _overrides.TryGetValue(code.Value, out var applied);
            var rule = applied?.Rule ?? jurisdiction.Rule;
            var c = new ConsideredJurisdiction(jurisdiction, rule, party, basis, support, applied, OutcomeFor(rule));
            considered[i] = c;
            customerKnown |= party == Party.Customer;
            if (deciding is null || Stricter(c, deciding))
            {
                deciding = c;
            }
        }

        // Customer first, then rep, then recording region; named places before the ones they imply.
        Array.Sort(considered, static (a, b) =>
            a.Party != b.Party ? a.Party.CompareTo(b.Party)
            : a.Basis != b.Basis ? a.Basis.CompareTo(b.Basis)
            : string.CompareOrdinal(a.Code.Value, b.Code.Value));
        var legal = deciding?.Outcome ?? RecordingOutcome.Record;
        if (!customerKnown && Policy.UnknownLocation > legal)
        {
            legal = Policy.UnknownLocation;
            deciding = null;
        }

        var (outcome, effect) = ApplyContact(input, legal);
        return new RecordingDecision(input, Policy, Versions, evidence, considered, deciding, legal, outcome, effect);
    }

    /// <summary>What a single rule requires under this policy.</summary>
    public RecordingOutcome OutcomeFor(ConsentRule rule) => rule switch
    {
        ConsentRule.OneParty => Policy.AlwaysAnnounce ? RecordingOutcome.RecordAfterNotice : RecordingOutcome.Record,
        ConsentRule.NoticeRequired => RecordingOutcome.RecordAfterNotice,
        _ => Policy.AllPartyMode == AllPartyMode.Notice ? RecordingOutcome.RecordAfterNotice : RecordingOutcome.RecordAfterConsent,
    };

    /// <summary>The row for a place with this policy's additions; unknown places stand in as ambiguous.</summary>
    public Jurisdiction Lookup(JurisdictionCode code)
    {
        if (_catalog.TryGet(code, out var row))
        {
            return row;
        }

        return _overrides.TryGetValue(code.Value, out var added)
            ? JurisdictionCatalog.Unlisted(code) with
            {
                Name = added.Name ?? _nameOf(code),
                Rule = added.Rule,
                Statute = "added by policy",
                Note = added.Reason,
                IsUnlisted = false,
            }
            : JurisdictionCatalog.Unlisted(code) with { Name = _nameOf(code) };
    }

    /// <summary>The rule applied to a place under this policy: its override, else its row (ambiguous when unlisted).</summary>
    private ConsentRule RuleOf(JurisdictionCode code) =>
        _overrides.TryGetValue(code.Value, out var o) ? o.Rule : Lookup(code).Rule;

    private (RecordingOutcome Outcome, ConsentEffect Effect) ApplyContact(DecisionInput input, RecordingOutcome legal)
    {
        if (input.DoNotRecord)
        {
            return (RecordingOutcome.DoNotRecord, ConsentEffect.DoNotRecordFlag);
        }

        var consent = input.Consent;
        switch (consent.State)
        {
            case ConsentState.Declined:
                return (RecordingOutcome.DoNotRecord, ConsentEffect.Declined);
            case ConsentState.Revoked:
                return (RecordingOutcome.DoNotRecord, ConsentEffect.Revoked);
            case ConsentState.Granted when consent.Date is not { } date:
                return (legal, ConsentEffect.GrantedUndated);
            case ConsentState.Granted when consent.Date > input.AsOf:
                return (legal, ConsentEffect.GrantedInFuture);
            case ConsentState.Granted when input.AsOf.DayNumber - consent.Date!.Value.DayNumber > Policy.ConsentValidityDays:
                return (legal, ConsentEffect.GrantedExpired);
            case ConsentState.Granted when legal == RecordingOutcome.RecordAfterConsent:
                // The explicit yes is already on file; the disclosure is still played.
                return (RecordingOutcome.RecordAfterNotice, ConsentEffect.GrantedSatisfiesConsent);
            case ConsentState.Granted:
                return (legal, ConsentEffect.GrantedNotNeeded);
            default:
                return (legal, ConsentEffect.None);
        }
    }

    private static bool Stricter(ConsideredJurisdiction a, ConsideredJurisdiction b)
    {
        if (a.Outcome != b.Outcome)
        {
            return a.Outcome > b.Outcome;
        }

        if (a.Rule != b.Rule)
        {
            return a.Rule > b.Rule;
        }

        if (a.Party != b.Party)
        {
            return a.Party < b.Party;
        }

        // Among equals, the place the evidence named explains the decision better than the one it implied.
        if (a.Basis != b.Basis)
        {
            return a.Basis < b.Basis;
        }

        return string.CompareOrdinal(a.Code.Value, b.Code.Value) < 0;
    }
}
