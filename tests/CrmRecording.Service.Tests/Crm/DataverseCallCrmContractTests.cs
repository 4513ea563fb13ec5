using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Crm;

/// <summary>The call port's contract against the Dataverse stand-in.</summary>
public sealed class DataverseCallCrmContractTests : CallCrmContract
{
    protected override string CrmName => CrmRecordRef.Dynamics;

    protected override CrmRecordRef CaliforniaContact => Ref("contact", SeedData.Contacts.CaliforniaMobile);

    protected override CrmRecordRef DoNotRecordContact => Ref("contact", SeedData.Contacts.DoNotRecord);

    protected override CrmRecordRef Lead => Ref("lead", SeedData.Leads.SeattleProspect);

    protected override CrmRecordRef Opportunity => Ref("opportunity", SeedData.Opportunities.FleetRenewal);

    protected override CrmRecordRef MissingContact => Ref("contact", new Guid("c0000000-0000-4000-8000-0000000000ff"));

    protected override CrmRecordRef Rep => Ref("user", SeedData.Users.SalesRep);

    private Emulators.Dataverse.DataverseStandIn StandIn => Services.GetRequiredService<SandboxDataverse>().StandIn;

    protected override int ConsentLogRows(string callId) => StandIn.GetRows("crr_consentlogs").Count(r => (string?)r["crr_callid"] == callId);

    protected override (string? Link, string? Decision) RecordingLinkAndDecision(CallRecord placed)
    {
        var row = StandIn.GetRow("phonecalls", Guid.Parse(placed.ActivityRef!.Id))!;
        return ((string?)row["crr_recordingurl"], (string?)row["crr_decision"]);
    }

    protected override (bool Completed, TimeSpan? Length, string? Summary) ActivityAfterClose(CallRecord ended)
    {
        var row = StandIn.GetRow("phonecalls", Guid.Parse(ended.ActivityRef!.Id))!;
        return ((int?)row["statecode"] == 1 && (int?)row["statuscode"] == 2, (int?)row["actualdurationminutes"] is { } minutes ? TimeSpan.FromMinutes(minutes) : null, (string?)row["crr_consentsummary"]);
    }

    private static CrmRecordRef Ref(string table, Guid id) => new(CrmRecordRef.Dynamics, table, id.ToString("D"));
}
