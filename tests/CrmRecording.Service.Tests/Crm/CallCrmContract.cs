using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;
using CrmRecording.Service.Crm;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Crm;

/// <summary>
/// The call flow's CRM port, the same cases for every CRM: each subclass runs them through the production adapter
/// against that CRM's stand-in (seeded alike), as the running service wires it.
/// </summary>
public abstract class CallCrmContract : IDisposable
{
    private readonly ServiceFactory _factory = new();

    protected CallCrmContract()
    {
        // On real Kestrel: the Dataverse stand-in's plugin steps call the service back when a phone call is created.
        _factory.UseKestrel(0);
        _factory.StartServer();
        Port = _factory.Services.GetRequiredService<CallCrms>().For(CrmName);
    }

    protected abstract string CrmName { get; }

    protected abstract CrmRecordRef CaliforniaContact { get; }

    protected abstract CrmRecordRef DoNotRecordContact { get; }

    protected abstract CrmRecordRef Lead { get; }

    /// <summary>An opportunity whose (primary) contact is <see cref="CaliforniaContact"/>.</summary>
    protected abstract CrmRecordRef Opportunity { get; }

    protected abstract CrmRecordRef MissingContact { get; }

    /// <summary>The seeded rep, Riley Chen, with a Texas address.</summary>
    protected abstract CrmRecordRef Rep { get; }

    private protected ICallCrm Port { get; }

    /// <summary>The tests' clock: the stand-ins' seeded consent dates are read against it.</summary>
    protected static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    protected IServiceProvider Services => _factory.Services;

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task GetTarget_CaliforniaContact_DecidesAllPartyConsentFromItsFields()
    {
        var target = (await Port.GetTargetAsync(CaliforniaContact))!;

        Assert.Equal(CaliforniaContact, target.CustomerRef);
        Assert.Equal(CaliforniaContact, target.Regarding);
        Assert.Equal(CaliforniaContact.Key, target.Customer.Id);
        var decision = Decide(target);
        Assert.Equal(RecordingOutcome.RecordAfterConsent, decision.Outcome);
        Assert.Contains(decision.Jurisdictions, j => j.Code.ToString() == "US-CA");
    }

    [Fact]
    public async Task GetTarget_DoNotRecordContact_IsNotRecorded()
    {
        var target = (await Port.GetTargetAsync(DoNotRecordContact))!;

        Assert.True(target.Customer.DoNotRecord);
        Assert.Equal(RecordingOutcome.DoNotRecord, Decide(target).Outcome);
    }

    [Fact]
    public async Task GetTarget_Lead_IsCalledItself()
    {
        var target = (await Port.GetTargetAsync(Lead))!;

        Assert.Equal(Lead, target.CustomerRef);
        Assert.Equal("lead", target.Customer.Table);
        Assert.False(string.IsNullOrWhiteSpace(target.Customer.BusinessPhone ?? target.Customer.MobilePhone));
    }

    [Fact]
    public async Task GetTarget_Opportunity_CallsItsContactRegardingTheOpportunity()
    {
        var target = (await Port.GetTargetAsync(Opportunity))!;

        Assert.Equal(CaliforniaContact, target.CustomerRef);
        Assert.Equal(Opportunity, target.Regarding);
    }

    [Fact]
    public async Task GetTarget_MissingRecord_IsNull()
    {
        Assert.Null(await Port.GetTargetAsync(MissingContact));
    }

    [Fact]
    public async Task GetRep_SeededRep_HasNameAndRegionFromTheUserAddress()
    {
        var rep = (await Port.GetRepAsync(Rep))!;

        Assert.Equal("Riley Chen", rep.Name);
        Assert.Equal((CrmName, Rep.Id), (rep.User.Crm, rep.User.Id));
        Assert.Equal("US-TX", rep.Region);
        Assert.StartsWith("user address TX", rep.RegionSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentLog_WrittenTwiceForOneEvent_IsOneRow()
    {
        var call = await PlacedCallAsync();
        var granted = new ConsentEvent("consent-granted", Now, "granted", "keypad", "1", "consent-question", "1", "en-US", ["US-CA"], call.Id);
        call = call with { ConsentEvents = [granted] };

        Assert.True(await Port.EnsureConsentLogAsync(call, granted));
        Assert.False(await Port.EnsureConsentLogAsync(call, granted));

        Assert.Equal(1, ConsentLogRows(call.Id));
    }

    [Fact]
    public async Task Activity_CreatedThenUpdated_CarriesTheRecordingLinkAndDecision()
    {
        var call = await PlacedCallAsync();
        var link = $"https://media.example/recordings/{Guid.NewGuid():N}";

        await Port.UpdatePhoneCallAsync(call.PhoneCallId!.Value, link, 42, call);

        Assert.Equal((link, "record-after-consent"), RecordingLinkAndDecision(call));
    }

    [Fact]
    public async Task CloseActivity_UnansweredCallNotRecorded_CompletesTheActivityWithItsLength()
    {
        var placed = await PlacedCallAsync();
        var ended = placed with { Status = CallStatus.NoAnswer, EndedAt = placed.CreatedAt.AddSeconds(95) };

        await Port.CloseActivityAsync(ended);

        var (completed, length, summary) = ActivityAfterClose(ended);
        Assert.True(completed, "the activity is completed");
        Assert.InRange(length!.Value, TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(95 + 59));
        Assert.Contains("Decision: record-after-consent", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseActivity_RecordedCall_CompletesTheActivityAndKeepsTheLink()
    {
        var placed = await PlacedCallAsync();
        var link = $"https://media.example/recordings/{Guid.NewGuid():N}";
        var ended = placed with
        {
            Status = CallStatus.Completed,
            EndedAt = placed.CreatedAt.AddSeconds(50),
            Seconds = 42,
            Recordings = [new CallRecording("RE00000000000000000000000000000001", "stored", "vault-id", 42, DeletedAtTwilio: true, WrittenToCrm: true)],
        };
        await Port.UpdatePhoneCallAsync(ended.PhoneCallId!.Value, link, 42, ended);

        await Port.CloseActivityAsync(ended);

        Assert.True(ActivityAfterClose(ended).Completed, "the activity is completed");
        Assert.Equal((link, "record-after-consent"), RecordingLinkAndDecision(ended));
    }

    /// <summary>Whether the call's activity is completed, the length it carries and its consent summary.</summary>
    protected abstract (bool Completed, TimeSpan? Length, string? Summary) ActivityAfterClose(CallRecord ended);

    /// <summary>How many consent log rows the CRM holds for the call.</summary>
    protected abstract int ConsentLogRows(string callId);

    /// <summary>The recording link and decision the CRM holds for the call (on its activity or recording record).</summary>
    protected abstract (string? Link, string? Decision) RecordingLinkAndDecision(CallRecord placed);

    private static RecordingDecision Decide(CallTarget target)
    {
        var read = ContactReader.Default.Read(target.Customer.ToFields("US-TX"), DateOnly.FromDateTime(Now.UtcDateTime));
        Assert.True(read.IsValid, read.Error);
        return ConsentEngine.Create().Decide(read.Input!);
    }

    /// <summary>A call placed as the flow does: the target and rep read through the port, the activity created.</summary>
    private async Task<CallRecord> PlacedCallAsync()
    {
        var target = (await Port.GetTargetAsync(CaliforniaContact))!;
        var rep = (await Port.GetRepAsync(Rep))!;
        var call = TestCalls.ToRecordAfterConsent(CrmName, target, rep.User, Now);
        var activity = await Port.CreatePhoneCallAsync(call, "Call with contact (record-after-consent)");
        Assert.Equal(CrmName, activity.Crm);
        return call with { PhoneCallId = activity.Key, ActivityRef = activity };
    }
}
