using System.Data.Common;
using System.Security.Cryptography;
using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls.State;
using CrmRecording.Service.Crm;
using CrmRecording.Telephony;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The recorded call, from the dialer's click to the last webhook: places the call (rep leg first, then the
/// customer), answers Twilio's TwiML requests per decision, captures consent, starts, pauses and resumes
/// recording, and queues the CRM write-backs. State lives in <see cref="ICallStore"/>, so any instance can
/// answer any webhook of any call.
/// </summary>
internal sealed partial class CallFlow(
    CallPlanner planner,
    ICallStore calls,
    ICallCrm crm,
    TwilioClient twilio,
    IOptions<TwilioClientOptions> twilioOptions,
    IOptions<CallFlowOptions> options,
    DisclosureCatalog disclosures,
    CallEvents events,
    IOutbox outbox,
    Recovery.FlowCheckpoint checkpoint,
    Telemetry.CrmRecordingTelemetry telemetry,
    TimeProvider time,
    ILogger<CallFlow> log)
{
    private CallFlowOptions Options => options.Value;

    public async Task<PlaceOutcome> PlaceAsync(PlaceCallRequest request, RemoteTime remote, CancellationToken cancellationToken)
    {
        using var span = Telemetry.CrmRecordingTelemetry.StartPlacing();
        var planned = await planner.PlanAsync(request, remote, cancellationToken).ConfigureAwait(false);
        if (planned is not CallPlan.Ready plan)
        {
            var refused = (CallPlan.Refused)planned;
            return new PlaceOutcome.Refused(refused.Reason, refused.Detail);
        }

        var decision = plan.Decision;
        var call = new CallRecord
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Crm = request.Crm!,
            Entity = plan.Target.Regarding.Table,
            RecordId = plan.Target.Regarding.Key,
            RecordRef = plan.Target.Regarding,
            CustomerTable = plan.Target.Customer.Table,
            CustomerId = plan.Target.CustomerRef.Key,
            CustomerRef = plan.Target.CustomerRef,
            RepUserId = plan.Rep.User.Key,
            RepRef = plan.Rep.User.Id,
            RepName = plan.Rep.Name,
            CustomerPhone = plan.Number,
            Decision = decision.Outcome,
            Reasons = plan.Reasons,
            Jurisdictions = decision.Jurisdictions.Select(j => j.Code.ToString()).Distinct(StringComparer.Ordinal).ToList(),
            DecidingJurisdiction = decision.Deciding?.Code.ToString(),
            DecidingRule = decision.Deciding is { } deciding ? CrmRecording.Core.Jurisdictions.ConsentRuleNames.ToWireName(deciding.Rule) : null,
            RulesVersion = decision.Versions.Describe(),
            Language = Options.Language,
            // Never from the request: its Host header is the caller's to choose, and Twilio would fetch TwiML from there.
            CallbackBase = twilioOptions.Value.PublicBaseUrl ?? throw new InvalidOperationException("Twilio:PublicBaseUrl is not set: Twilio needs the service's public URL to call back."),
            CreatedAt = time.GetUtcNow(),
            RecordingAllowed = decision.Outcome == RecordingOutcome.Record,
        };

        // The call store first: a CRM activity is created only for a call the store has accepted, so a failing
        // store never leaves an orphan phone call in the CRM. Twilio is called only after both.
        try
        {
            await calls.AddAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            StoreFailed(log, call.Id, ex.GetType().Name);
            return new PlaceOutcome.Refused(PlaceRefusal.StoreUnavailable, "The call store is unavailable; the call was not placed and nothing was written to the CRM. Try again in a moment.");
        }

        try
        {
            var activity = await remote.MeasureAsync(() => crm.CreatePhoneCallAsync(call, $"Call with {call.CustomerTable} ({call.Decision.ToWireName()})", cancellationToken)).ConfigureAwait(false);
            call = await calls.UpdateAsync(call.Id, c => c with { PhoneCallId = activity.Key, ActivityRef = activity }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CrmUnavailableException or HttpRequestException or TaskCanceledException)
        {
            await MarkFailedAsync(call.Id, cancellationToken).ConfigureAwait(false);
            CrmFailed(log, call.Id, (ex as CrmUnavailableException)?.Status ?? 0);
            return new PlaceOutcome.Refused(PlaceRefusal.CrmUnavailable, $"The CRM did not accept the phone call activity ({ex.Message}); the call was not placed. Try again in a moment.");
        }

        try
        {
            var twilioCall = await remote.MeasureAsync(() => twilio.CreateCallAsync(
                new CreateCallRequest
                {
                    To = RepEndpoint(call.RepUserId),
                    From = twilioOptions.Value.CallerId,
                    Url = Callback(call, $"twilio/voice/{call.Id}/rep"),
                    StatusCallback = Callback(call, $"twilio/calls/{call.Id}/status"),
                    StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
                    Timeout = Options.RingTimeoutSeconds,
                },
                // Not the dialer's token: a create cancelled mid-way may still dial, and must not be marked failed.
                CancellationToken.None)).ConfigureAwait(false);
            call = await calls.UpdateAsync(call.Id, c => CallTransitions.Dialled(c, twilioCall.Sid).Or(c), cancellationToken).ConfigureAwait(false);
            checkpoint.Reached("after-dial");
        }
        catch (TwilioException ex)
        {
            await MarkFailedAsync(call.Id, cancellationToken).ConfigureAwait(false);
            TwilioFailed(log, call.Id, ex.Status, ex.Code ?? 0);
            return new PlaceOutcome.Refused(PlaceRefusal.TelephonyRefused, $"Twilio refused the call (error {ex.Code}: {ex.Message}).");
        }

        var decided = call.Decision.ToWireName();
        CallPlaced(log, call.Id, decided);
        telemetry.CallPlaced(call.Decision);
        return new PlaceOutcome.Placed(new PlaceCallResponse(call.Id, decided, decision.Summary, call.Reasons, call.Jurisdictions, call.RulesVersion, call.PhoneCallId, call.Status.ToWireName(), call.ActivityRef));
    }

    /// <summary>The rep's softphone (Twilio Voice SDK client identity); identities allow letters, digits and underscores.</summary>
    internal static string RepEndpoint(Guid repUserId) => $"client:rep_{repUserId:N}";

    internal static Uri Callback(CallRecord call, string relative)
    {
        var root = call.CallbackBase.AbsoluteUri.EndsWith('/') ? call.CallbackBase : new Uri(call.CallbackBase.AbsoluteUri + "/");
        return new Uri(root, relative);
    }

    /// <summary>The call was not placed; an activity the CRM already has for it is closed like any other ended call's.</summary>
    private async Task MarkFailedAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var call = await calls.UpdateAsync(id, c => CallTransitions.PlacementFailed(c, now).Or(c), CancellationToken.None).ConfigureAwait(false);
        if (call.ActivityRef is not null || call.PhoneCallId is not null)
        {
            await CallCloseJob.QueueAsync(outbox, call, now, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} placed: {Decision}")]
    private static partial void CallPlaced(ILogger logger, string callId, string decision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} not placed: the CRM failed ({Status})")]
    private static partial void CrmFailed(ILogger logger, string callId, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId} not placed: the call store failed ({Error})")]
    private static partial void StoreFailed(ILogger logger, string callId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} not placed: Twilio answered {Status} with error {Code}")]
    private static partial void TwilioFailed(ILogger logger, string callId, int status, int code);
}
