using CrmRecording.Emulators.Twilio;
using CrmRecording.Emulators.Twilio.Journal;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>
/// Recording status callbacks signed by the stand-in and checked by the production validator, so each side's half
/// of Twilio's signature algorithm is tested against the other's.
/// </summary>
public sealed class StandInRecordingCallbackTests
{
    [Fact]
    public async Task RecordingStatusCallback_StoppedAfterThreeSeconds_CarriesTheRecordingAndAValidSignature()
    {
        await using var session = await StandInSession.StartAsync(o => o.Callees[StandInSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne));
        var (recordingSid, callSid) = await RecordThreeSecondsAsync(session);

        var events = session.Application.To("/recording-status");
        // Twilio sends each event on its own; their arrival order is not part of the contract.
        Assert.Equal(["completed", "in-progress"], events.Select(e => e["RecordingStatus"]).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.True(e.SignatureValid));
        var completed = RecordingStatusEvent.TryRead(events.Single(e => e["RecordingStatus"] == "completed").Form);
        Assert.NotNull(completed);
        Assert.Equal((session.Options.AccountSid, callSid, recordingSid), (completed.AccountSid, completed.CallSid, completed.RecordingSid));
        Assert.Equal(new Uri(session.StandIn.BaseAddress, $"2010-04-01/Accounts/{session.Options.AccountSid}/Recordings/{recordingSid}"), completed.RecordingUrl);
        Assert.Equal((3, 2, "StartCallRecordingAPI", 0), (completed.RecordingDuration, completed.RecordingChannels, completed.RecordingSource, completed.ErrorCode));
        Assert.Equal(StandInSession.Start, completed.RecordingStartTime);
    }

    [Theory]
    [InlineData("RecordingDuration", "4")]
    [InlineData("RecordingSid", "RE00000000000000000000000000000000")]
    [InlineData("RecordingUrl", "https://attacker.example/recording")]
    public async Task RecordingStatusCallback_OneParameterTampered_ProductionValidatorRejectsIt(string name, string value)
    {
        await using var session = await StandInSession.StartAsync(o => o.Callees[StandInSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne));
        await RecordThreeSecondsAsync(session);
        var completed = session.Application.To("/recording-status").Single(e => e["RecordingStatus"] == "completed");
        var token = session.Options.AuthToken!;

        Assert.True(TwilioSignature.IsValidForm(token, completed.Url, completed.Form, completed.Signature));
        Assert.False(TwilioSignature.IsValidForm(token, completed.Url, completed.FormWith(name, value), completed.Signature));
    }

    [Fact]
    public async Task Webhooks_SignedWithAnotherAuthToken_AreRefusedAndTwilioLogs11200()
    {
        const string KeySid = "SK0123456789abcdef0123456789abcdef";
        await using var session = await StandInSession.StartAsync(
            o => (o.ApiKeySid, o.ApiKeySecret) = (KeySid, "key-secret"),
            o => (o.AuthToken, o.ApiKeySid, o.ApiKeySecret) = ("a-rotated-auth-token", KeySid, "key-secret"));

        var call = await session.CallAsync(StandInSession.Customer, "/voice");
        await session.StandIn.WaitForEndAsync(call.Sid, StandInSession.Patience);

        var voice = Assert.Single(session.Application.To("/voice"));
        Assert.False(voice.SignatureValid);
        var error = Assert.Single(session.StandIn.Webhooks.Errors);
        Assert.Equal((WebhookKind.Voice, 403, 11200), (error.Kind, error.StatusCode, error.ErrorCode));
    }

    /// <summary>Records three seconds and stops; returns once both status events (in-progress, completed) were delivered.</summary>
    private static async Task<(string RecordingSid, string CallSid)> RecordThreeSecondsAsync(StandInSession session)
    {
        var flow = new ConsentFlow(session);
        var (callSid, _) = await flow.PlaceAsync();
        var recordingSid = (await flow.Started).Sid;
        session.NetworkTime.Advance(TimeSpan.FromSeconds(3));
        await session.Client.StopRecordingAsync(callSid);
        await session.StandIn.Webhooks.WaitForAsync(
            all => all.Count(w => w.Kind == WebhookKind.RecordingStatus) == 2,
            StandInSession.Patience);
        return (recordingSid, callSid);
    }
}
