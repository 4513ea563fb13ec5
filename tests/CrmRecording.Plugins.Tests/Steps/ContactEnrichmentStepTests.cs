using CrmRecording.Testing;
using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Phones;
using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Schema;
using CrmRecording.Plugins.Steps;
using static CrmRecording.Plugins.Tests.Events;

namespace CrmRecording.Plugins.Tests.Steps;

public sealed class ContactEnrichmentStepTests
{
    private readonly FakeCrm _crm = new();
    private readonly ContactEnrichmentStep _step;

    public ContactEnrichmentStepTests()
    {
        _step = new ContactEnrichmentStep(_crm, _crm, ConsentEngine.Create(), ContactReader.Default);
        _crm.UserRegions[Rep] = "US-TX";
    }

    [Fact]
    public async Task Update_PhoneChanged_WritesJurisdictionsRuleDecisionAndReasons()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "(702) 555-0100", state: "TX", owner: Rep);
        _crm.LineType = DeviceType.Landline;
        var outcome = await _step.ExecuteAsync(Event("Update", "contact", id, StepStage.PostOperation, StepMode.Asynchronous, new() { ["telephone1"] = "(702) 555-0100" }));

        Assert.IsType<StepOutcome.Done>(outcome);
        var (_, writtenId, e) = Assert.Single(_crm.Enrichments);
        Assert.Equal(id, writtenId);
        Assert.Equal("US-NV US-TX US", e.Jurisdictions);
        Assert.Equal("all-party", e.RecordingRule);
        Assert.Equal("record-after-consent", e.Decision);
        Assert.Equal("landline", e.DeviceType);
        Assert.Equal("medium", e.EvidenceStrength);
        Assert.Contains("Nev. Rev. Stat.", e.Reasons, StringComparison.Ordinal);
        Assert.Equal(Now, e.EnrichedAt);
    }

    [Fact]
    public async Task Update_OnlyItsOwnOutputColumnsAtDepthTwo_IsSkippedSoItNeverLoops()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "+1 415 555 0142");
        var ownWrite = new Dictionary<string, object?> { ["crr_recordingdecision"] = "record-after-consent", ["crr_lastenriched"] = Now, ["modifiedon"] = Now };
        var outcome = await _step.ExecuteAsync(Event("Update", "contact", id, StepStage.PostOperation, StepMode.Asynchronous, ownWrite, depth: 2));
        Assert.IsType<StepOutcome.Skipped>(outcome);
        Assert.Empty(_crm.Enrichments);
    }

    [Fact]
    public async Task Update_DeepChain_IsStopped()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "+1 415 555 0142");
        var outcome = await _step.ExecuteAsync(Event("Update", "contact", id, StepStage.PostOperation, StepMode.Asynchronous, new() { ["telephone1"] = "x" }, depth: 9));
        Assert.IsType<StepOutcome.Skipped>(outcome);
    }

    [Fact]
    public void Registrations_FilterOnInputColumnsOnly_SoTheWriteBackDoesNotRetrigger()
    {
        var update = ContactEnrichmentStep.Declared.Single(r => r.Name == "crr.contact.enrich.update");
        Assert.Equal(StepMode.Asynchronous, update.Mode);
        Assert.Contains("telephone1", update.FilteringAttributes);
        Assert.Empty(update.FilteringAttributes.Intersect(ContactColumns.Outputs));
    }

    [Fact]
    public async Task Create_UnreadablePhone_RecordsTheProblemInsteadOfADecision()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "call reception");
        var outcome = await _step.ExecuteAsync(Event("Create", "contact", id, StepStage.PostOperation, StepMode.Asynchronous));
        Assert.Contains("not enriched", Assert.IsType<StepOutcome.Done>(outcome).Summary, StringComparison.Ordinal);
        var e = Assert.Single(_crm.Enrichments).Enrichment;
        Assert.Equal(string.Empty, e.Decision);
        Assert.Contains("letter", e.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DeviceTypeAlreadyOnFile_IsNotLookedUpAgain()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "+1 415 555 0142", device: "mobile");
        await _step.ExecuteAsync(Event("Create", "contact", id, StepStage.PostOperation, StepMode.Asynchronous));
        Assert.Equal(0, _crm.Lookups);
        Assert.Equal("mobile", Assert.Single(_crm.Enrichments).Enrichment.DeviceType);
    }

    [Fact]
    public async Task Create_RowDeletedMeanwhile_IsSkipped()
    {
        var outcome = await _step.ExecuteAsync(Event("Create", "lead", Guid.NewGuid(), StepStage.PostOperation, StepMode.Asynchronous));
        Assert.IsType<StepOutcome.Skipped>(outcome);
    }
}
