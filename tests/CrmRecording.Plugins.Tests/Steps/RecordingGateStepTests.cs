using CrmRecording.Testing;
using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Steps;
using static CrmRecording.Plugins.Tests.Events;

namespace CrmRecording.Plugins.Tests.Steps;

public sealed class RecordingGateStepTests
{
    private readonly FakeCrm _crm = new();
    private readonly RecordingGateStep _step;

    public RecordingGateStepTests()
    {
        _step = new RecordingGateStep(_crm, ConsentEngine.Create(), ContactReader.Default);
        _crm.UserRegions[Rep] = "US-TX";
    }

    private static Dictionary<string, object?> Call(Guid contact, bool record = true) => new()
    {
        ["crr_recordingrequested"] = record,
        ["to"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?> { ["partyid"] = new RecordReference("contact", contact) } },
    };

    [Fact]
    public async Task Create_ContactDeclinedConsent_IsRejectedWithAMessageARepUnderstands()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "+1 512 555 0100", state: "TX", consent: "declined", consentDate: new DateOnly(2026, 5, 1));
        var outcome = await _step.ExecuteAsync(Event("Create", "phonecall", Guid.NewGuid(), StepStage.PreOperation, StepMode.Synchronous, Call(id)));
        var rejected = Assert.IsType<StepOutcome.Rejected>(outcome);
        Assert.StartsWith("This call can't be recorded: the customer declined recording", rejected.UserMessage, StringComparison.Ordinal);
        Assert.Contains("Untick 'Record this call'", rejected.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_CaliforniaContact_IsAllowedAfterConsent()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "+1 415 555 0142", state: "CA");
        var outcome = await _step.ExecuteAsync(Event("Create", "phonecall", Guid.NewGuid(), StepStage.PreOperation, StepMode.Synchronous, Call(id)));
        Assert.StartsWith("record-after-consent", Assert.IsType<StepOutcome.Done>(outcome).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RecordingNotRequested_IsSkipped()
    {
        var outcome = await _step.ExecuteAsync(Event("Create", "phonecall", Guid.NewGuid(), StepStage.PreOperation, StepMode.Synchronous, Call(Guid.NewGuid(), record: false)));
        Assert.IsType<StepOutcome.Skipped>(outcome);
    }

    [Fact]
    public async Task Create_NoCustomer_IsRejected()
    {
        var outcome = await _step.ExecuteAsync(Event("Create", "phonecall", Guid.NewGuid(), StepStage.PreOperation, StepMode.Synchronous, new() { ["crr_recordingrequested"] = true }));
        Assert.Contains("no contact or lead", Assert.IsType<StepOutcome.Rejected>(outcome).UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_RegardingALeadFlaggedDoNotRecord_IsRejected()
    {
        var id = Guid.NewGuid();
        _crm.Contacts[id] = FakeCrm.Contact(id, phone: "+1 512 555 0100", state: "TX", doNotRecord: true) with { Table = "lead" };
        var target = new Dictionary<string, object?> { ["crr_recordingrequested"] = true, ["regardingobjectid"] = new RecordReference("lead", id) };
        var outcome = await _step.ExecuteAsync(Event("Update", "phonecall", Guid.NewGuid(), StepStage.PreOperation, StepMode.Synchronous, target));
        Assert.Contains("do-not-record", Assert.IsType<StepOutcome.Rejected>(outcome).UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Registrations_AreSynchronousPreOperation()
    {
        Assert.All(RecordingGateStep.Declared, r =>
        {
            Assert.Equal(StepStage.PreOperation, r.Stage);
            Assert.Equal(StepMode.Synchronous, r.Mode);
            Assert.Equal("phonecall", r.Table);
        });
    }
}
