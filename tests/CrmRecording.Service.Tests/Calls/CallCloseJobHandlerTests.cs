using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;
using CrmRecording.Service.Crm;
using CrmRecording.Service.Outbox;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>An ended call's activity is closed only once nothing more will be written to it.</summary>
public sealed class CallCloseJobHandlerTests
{
    private static readonly DateTimeOffset Ended = new(2026, 12, 1, 9, 5, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Ended.AddSeconds(1));

    [Fact]
    public async Task Run_RecordingStillIngesting_WaitsAndClosesNothing()
    {
        var (handler, crm) = Handler(EndedCall() with { Recordings = [new CallRecording("RE00000000000000000000000000000001", "ingesting")] });

        await Assert.ThrowsAsync<RetryLaterException>(() => handler.RunAsync(Job(), CancellationToken.None));

        Assert.Empty(crm.Closed);
    }

    [Fact]
    public async Task Run_RecordedFromAnswerButNotYetAnnounced_WaitsUntilTwilioHadTime()
    {
        var (handler, crm) = Handler(EndedCall() with { Status = CallStatus.Completed, RecordingAllowed = true, CustomerCallSid = "CA00000000000000000000000000000002" });

        await Assert.ThrowsAsync<RetryLaterException>(() => handler.RunAsync(Job(), CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal("closed", await handler.RunAsync(Job(), CancellationToken.None));
        Assert.Single(crm.Closed);
    }

    [Fact]
    public async Task Run_UnrecordedCallEnded_ClosesItsActivity()
    {
        var (handler, crm) = Handler(EndedCall());

        Assert.Equal("closed", await handler.RunAsync(Job(), CancellationToken.None));

        Assert.Equal(CallStatus.NoAnswer, Assert.Single(crm.Closed).Status);
    }

    [Fact]
    public async Task Run_CallWithoutActivity_HasNothingToClose()
    {
        var (handler, crm) = Handler(EndedCall() with { PhoneCallId = null, ActivityRef = null });

        Assert.Equal("no-activity", await handler.RunAsync(Job(), CancellationToken.None));
        Assert.Empty(crm.Closed);
    }

    private static CallRecord EndedCall() =>
        CallRecords.New(at: Ended.AddMinutes(-5)) with { Id = "0123456789abcdef0123456789abcdef", Status = CallStatus.NoAnswer, EndedAt = Ended, PhoneCallId = Guid.NewGuid() };

    private static OutboxJob Job() => new CallCloseJob("0123456789abcdef0123456789abcdef").ToOutboxJob(Ended);

    private (CallCloseJobHandler Handler, ClosingCrm Crm) Handler(CallRecord call)
    {
        var crm = new ClosingCrm();
        return (new CallCloseJobHandler(new OneCallStore(call), crm, Microsoft.Extensions.Options.Options.Create(new CallFlowOptions { ReconcileAfterSeconds = 30 }), _time), crm);
    }

    private sealed class OneCallStore(CallRecord call) : ICallStore
    {
        public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task AddAsync(CallRecord record, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<CallRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(id == call.Id ? call : null);

        public Task<CallRecord> UpdateAsync(string id, Func<CallRecord, CallRecord> change, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<CallRecord>> ListManualStartsAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<CallRecord>> ListUnsettledAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> CountLostRecordingsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class ClosingCrm : ICallCrm
    {
        public List<CallRecord> Closed { get; } = [];

        public Task CloseActivityAsync(CallRecord call, CancellationToken cancellationToken = default)
        {
            Closed.Add(call);
            return Task.CompletedTask;
        }

        public Task<CallTarget?> GetTargetAsync(CrmRecordRef record, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<RepProfile?> GetRepAsync(CrmRecordRef user, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<CrmRecordRef> CreatePhoneCallAsync(CallRecord call, string subject, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UpdatePhoneCallAsync(Guid phoneCallId, string? recordingUrl, int? recordedSeconds, CallRecord call, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> EnsureConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
