using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Policy;

namespace CrmRecording.Core.Tests;

/// <summary>Builds decision inputs the way the CRM would hand them over, and decides them.</summary>
internal static class Calls
{
    public static readonly DateOnly Today = new(2026, 11, 24);

    public static JurisdictionCode J(string code) => JurisdictionCode.Parse(code);

    /// <summary>A customer placed only by a verified location, so the test controls exactly where they are.</summary>
    public static DecisionInput Verified(string customer, string? rep = null, ConsentRecord? consent = null, bool doNotRecord = false) =>
        new(new CustomerFacts(VerifiedLocation: J(customer)), consent ?? ConsentRecord.None, doNotRecord, rep is null ? null : J(rep), Today);

    public static RecordingDecision Decide(ContactFields fields, RecordingPolicy? policy = null, DateOnly? asOf = null)
    {
        var read = ContactReader.Default.Read(fields, asOf ?? Today);
        Assert.True(read.IsValid, read.Error);
        return ConsentEngine.Create(policy).Decide(read.Input);
    }

    public static RecordingDecision Decide(DecisionInput input, RecordingPolicy? policy = null) =>
        ConsentEngine.Create(policy).Decide(input);

    public static RecordingPolicy PolicyFrom(string json)
    {
        var result = PolicyParser.Parse(json, JurisdictionCatalog.Default);
        Assert.True(result.IsValid, result.Error);
        return result.Policy;
    }
}
