using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Phones;
using CrmRecording.Core.Policy;
using FsCheck;
using FsCheck.Fluent;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Decisions;

/// <summary>Laws the engine must keep for every input, checked over generated calls.</summary>
public sealed class ConsentEnginePropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    // Places at the level the engine decides on: every subdivision we have, and countries without subdivisions.
    private static readonly JurisdictionCode[] Places = JurisdictionCatalog.Default.All
        .Select(j => j.Code)
        .Where(c => c.IsSubdivision || JurisdictionCatalog.Default.SubdivisionsOf(c.Country).Count == 0)
        .Concat([J("NG"), J("BR"), J("US-GU")])
        .ToArray();

    private static readonly string[] Phones =
        ["+1 415 555 0142", "+1 702 555 0100", "+1 212 555 0100", "+1 416 555 0100", "+1 876 555 0100", "+1 800 555 0100", "+44 20 7946 0958", "+49 30 1234567", "+234 802 123 4567", "+41 44 668 1800"];

    private static readonly RecordingPolicy[] Policies =
    [
        RecordingPolicy.Default,
        PolicyFrom("""{ "alwaysAnnounce": false }"""),
        PolicyFrom("""{ "allPartyMode": "notice", "alwaysAnnounce": false }"""),
        PolicyFrom("""{ "unknownLocation": "do-not-record", "recordingRegion": "US-VA" }"""),
        PolicyFrom("""{ "overrides": [ { "code": "US-TX", "rule": "all-party", "reason": "test" } ] }"""),
    ];

    private static readonly Gen<JurisdictionCode> Place = Gen.Elements(Places);

    private static readonly Gen<ConsentRecord> Consent =
        from state in Gen.Elements(ConsentState.Unknown, ConsentState.Granted, ConsentState.Declined, ConsentState.Revoked)
        from age in Gen.Choose(-5, 800)
        from dated in Gen.Elements(true, false)
        select new ConsentRecord(state, dated ? Today.AddDays(-age) : null);

    private static readonly Gen<E164Number?> Phone =
        Gen.Elements(Phones).Select(p => (E164Number?)PhoneNumberParser.Default.Parse(p).Number).Or(Gen.Constant<E164Number?>(null));

    private static readonly Gen<Call> Calls =
        from places in Gen.NonEmptyListOf(Place)
        from phone in Phone
        from device in Gen.Elements(Enum.GetValues<DeviceType>())
        from rep in Place.Select(p => (JurisdictionCode?)p).Or(Gen.Constant<JurisdictionCode?>(null))
        from consent in Consent
        from dnr in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from policy in Gen.Elements(Policies)
        select new Call(places.Distinct().ToArray(), phone, device, rep, consent, dnr, policy);

    [Fact]
    public void Decide_AddingEvidence_NeverMakesTheDecisionLessStrict()
    {
        var property = Prop.ForAll(Calls.SelectMany(c => Place, (c, extra) => (c, extra)).ToArbitrary(), t =>
        {
            var (call, extra) = t;
            var before = Decide(call.Input(), call.Policy).Outcome;
            var after = Decide(call with { Places = [.. call.Places, extra] }).Outcome;
            var withoutPhone = call.Phone is null ? before : Decide(call with { Phone = null }).Outcome;
            return after >= before && before >= withoutPhone;
        });
        Check.One(Runs, property);
    }

    [Fact]
    public void Decide_SwappingWhichPartyIsWhere_NeverChangesTheOutcome()
    {
        var property = Prop.ForAll(Calls.SelectMany(c => Place, (c, other) => (c, other)).ToArbitrary(), t =>
        {
            var (call, other) = t;
            var customer = call.Places[0];
            var a = Decide(Verified(customer.Value, other.Value, call.Consent, call.DoNotRecord), call.Policy).Outcome;
            var b = Decide(Verified(other.Value, customer.Value, call.Consent, call.DoNotRecord), call.Policy).Outcome;
            return a == b;
        });
        Check.One(Runs, property);
    }

    [Fact]
    public void Decide_DoNotRecordFlagDeclinedOrRevoked_AlwaysGivesDoNotRecord()
    {
        var property = Prop.ForAll(Calls.ToArbitrary(), call =>
        {
            var outcome = Decide(call).Outcome;
            var mustNotRecord = call.DoNotRecord || call.Consent.State is ConsentState.Declined or ConsentState.Revoked;
            return !mustNotRecord || outcome == RecordingOutcome.DoNotRecord;
        });
        Check.One(Runs, property);
    }

    [Fact]
    public void Decide_SetOfJurisdictions_EqualsTheStrictestSingleOne()
    {
        var property = Prop.ForAll(Calls.ToArbitrary(), call =>
        {
            var noPhone = call with { Phone = null };
            var together = Decide(noPhone).Outcome;
            var strictestAlone = call.Places.Max(p => Decide(noPhone with { Places = [p] }).Outcome);
            return together == strictestAlone;
        });
        Check.One(Runs, property);
    }

    private static RecordingDecision Decide(Call call) => CrmRecording.Core.Tests.Calls.Decide(call.Input(), call.Policy);

    private static RecordingDecision Decide(DecisionInput input, RecordingPolicy policy) => CrmRecording.Core.Tests.Calls.Decide(input, policy);

    internal sealed record Call(
        JurisdictionCode[] Places,
        E164Number? Phone,
        DeviceType Device,
        JurisdictionCode? Rep,
        ConsentRecord Consent,
        bool DoNotRecord,
        RecordingPolicy Policy)
    {
        public DecisionInput Input() =>
            new(new CustomerFacts(Phone, Device, Places, string.Join(" ", Places)), Consent, DoNotRecord, Rep, Today);

        public override string ToString() =>
            $"places=[{string.Join(" ", Places)}] phone={Phone} device={Device} rep={Rep} consent={Consent} dnr={DoNotRecord} policy={Policy.Version}";
    }
}
