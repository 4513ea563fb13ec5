using CrmRecording.Core.Location;
using CrmRecording.Core.Phones;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Location;

public sealed class LocationResolverTests
{
    private static readonly LocationResolver Resolver = LocationResolver.Default;

    private static E164Number Phone(string raw) => PhoneNumberParser.Default.Parse(raw).Number;

    [Theory]
    [InlineData(DeviceType.Landline, EvidenceStrength.Medium)]
    [InlineData(DeviceType.Mobile, EvidenceStrength.Weak)]
    [InlineData(DeviceType.FixedVoip, EvidenceStrength.Weak)]
    [InlineData(DeviceType.NonFixedVoip, EvidenceStrength.Weak)]
    [InlineData(DeviceType.Unknown, EvidenceStrength.Weak)]
    public void Resolve_NanpAreaCode_StrengthDependsOnTheLineType(DeviceType device, EvidenceStrength strength)
    {
        var evidence = Assert.Single(Resolver.Resolve(new CustomerFacts(Phone("+1 702 555 0100"), device)));
        Assert.Equal(LocationSignal.AreaCode, evidence.Signal);
        Assert.Equal(strength, evidence.Strength);
        Assert.Equal(["US-NV"], evidence.Places.Select(p => p.Value));
        Assert.Contains("702", evidence.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+1 800 555 0100")]
    [InlineData("+1 888 555 0100")]
    [InlineData("+1 500 555 0100")]
    [InlineData("+1 900 555 0100")]
    public void Resolve_NonGeographicNanpNumber_GivesNoPlace(string raw)
    {
        var evidence = Assert.Single(Resolver.Resolve(new CustomerFacts(Phone(raw), DeviceType.Landline)));
        Assert.Equal(LocationSignal.NonGeographicNumber, evidence.Signal);
        Assert.Equal(EvidenceStrength.None, evidence.Strength);
        Assert.Empty(evidence.Places);
    }

    [Fact]
    public void Resolve_TollFreeLineType_GivesNoPlaceEvenWithAGeographicAreaCode()
    {
        var evidence = Assert.Single(Resolver.Resolve(new CustomerFacts(Phone("+1 415 555 0100"), DeviceType.TollFree)));
        Assert.Empty(evidence.Places);
    }

    [Fact]
    public void Resolve_ForeignNumber_IsStrongAtCountryLevel()
    {
        var evidence = Assert.Single(Resolver.Resolve(new CustomerFacts(Phone("+49 30 1234567"), DeviceType.Mobile)));
        Assert.Equal(LocationSignal.PhoneCountry, evidence.Signal);
        Assert.Equal(EvidenceStrength.Strong, evidence.Strength);
        Assert.Equal(["DE"], evidence.Places.Select(p => p.Value));
    }

    [Fact]
    public void Resolve_AddressAndConflictingAreaCode_KeepsBoth()
    {
        var evidence = Resolver.Resolve(new CustomerFacts(Phone("+1 415 555 0100"), DeviceType.Mobile, [J("US-TX")], "TX, US"));
        Assert.Equal(2, evidence.Count);
        Assert.Contains(evidence, e => e.Signal == LocationSignal.CrmAddress && e.Strength == EvidenceStrength.Medium && e.Places.Single().Value == "US-TX");
        Assert.Contains(evidence, e => e.Signal == LocationSignal.AreaCode && e.Places.Single().Value == "US-CA");
    }

    [Fact]
    public void Resolve_VerifiedLocation_NarrowsToItself()
    {
        var evidence = Resolver.Resolve(new CustomerFacts(Phone("+1 415 555 0100"), DeviceType.Landline, [J("US-TX")], "TX", J("US-OR")));
        var only = Assert.Single(evidence);
        Assert.Equal(LocationSignal.VerifiedLocation, only.Signal);
        Assert.Equal(EvidenceStrength.Strong, only.Strength);
        Assert.Equal(["US-OR"], only.Places.Select(p => p.Value));
    }

    [Fact]
    public void Resolve_NothingKnown_GivesNoEvidence()
    {
        Assert.Empty(Resolver.Resolve(new CustomerFacts()));
    }
}
