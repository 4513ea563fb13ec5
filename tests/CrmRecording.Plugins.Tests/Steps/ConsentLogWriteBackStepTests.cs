using CrmRecording.Testing;
using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Steps;
using static CrmRecording.Plugins.Tests.Events;

namespace CrmRecording.Plugins.Tests.Steps;

public sealed class ConsentLogWriteBackStepTests
{
    private readonly FakeCrm _crm = new();

    [Fact]
    public async Task Create_AnsweredConsent_AddsATimelineNoteAndSetsTheContactsConsent()
    {
        var call = Guid.NewGuid();
        var contact = Guid.NewGuid();
        var log = Guid.NewGuid();
        var target = new Dictionary<string, object?>
        {
            ["crr_phonecallid"] = new RecordReference("phonecall", call),
            ["crr_customerid"] = new RecordReference("contact", contact),
            ["crr_event"] = "consent-answered",
            ["crr_answer"] = "granted",
            ["crr_method"] = "keypad",
            ["crr_jurisdictions"] = "US-CA US",
            ["crr_disclosureversion"] = "en-US/2026.11",
            ["crr_callid"] = "CA123",
            ["crr_at"] = Now.AddMinutes(-1),
        };
        var outcome = await new ConsentLogWriteBackStep(_crm).ExecuteAsync(Event("Create", "crr_consentlog", log, StepStage.PostOperation, StepMode.Asynchronous, target));

        Assert.IsType<StepOutcome.Done>(outcome);
        var note = Assert.Single(_crm.Notes);
        Assert.Equal(("phonecall", call), (note.Table, note.Id));
        Assert.Equal("Recording consent: consent-answered", note.Subject);
        Assert.Contains("Answer: granted", note.Text, StringComparison.Ordinal);
        Assert.Contains("Disclosure version: en-US/2026.11", note.Text, StringComparison.Ordinal);
        var update = Assert.Single(_crm.ConsentUpdates);
        Assert.Equal(("granted", new DateOnly(2026, 11, 24), "keypad", log.ToString()), (update.Status, update.On, update.Method, update.Evidence));
    }

    [Fact]
    public async Task Create_DisclosureOnly_AddsANoteButLeavesConsentAlone()
    {
        var target = new Dictionary<string, object?> { ["crr_phonecallid"] = new RecordReference("phonecall", Guid.NewGuid()), ["crr_event"] = "disclosure-played" };
        await new ConsentLogWriteBackStep(_crm).ExecuteAsync(Event("Create", "crr_consentlog", Guid.NewGuid(), StepStage.PostOperation, StepMode.Asynchronous, target));
        Assert.Single(_crm.Notes);
        Assert.Empty(_crm.ConsentUpdates);
    }

    [Fact]
    public async Task Create_NoPhoneCall_IsSkipped()
    {
        var outcome = await new ConsentLogWriteBackStep(_crm).ExecuteAsync(Event("Create", "crr_consentlog", Guid.NewGuid(), StepStage.PostOperation, StepMode.Asynchronous));
        Assert.IsType<StepOutcome.Skipped>(outcome);
    }

    [Fact]
    public void Catalog_HasEveryStepOnceWithUniqueNames()
    {
        Assert.Equal(PluginCatalog.Registrations.Count, PluginCatalog.Registrations.Select(r => r.Name).Distinct().Count());
        Assert.NotNull(PluginCatalog.Find("create", "CONTACT", StepStage.PostOperation));
        Assert.Null(PluginCatalog.Find("Delete", "contact", StepStage.PostOperation));
    }
}
