using System.Globalization;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.TwiML;
using CrmRecording.Emulators.Twilio.Webhooks;

namespace CrmRecording.Emulators.Twilio.Calls;

/// <summary>The TwiML interpreter: documents, the simple verbs and <c>&lt;Gather&gt;</c>.</summary>
internal sealed partial class CallRunner
{
    /// <summary>Runs documents on the leg until one ends it, taking up redirects from REST updates on the way.</summary>
    private async Task<LegEnd> ExecuteAsync(CallLeg leg, TwimlDocument document)
    {
        var current = document;
        while (true)
        {
            var step = await RunDocumentAsync(leg, current).ConfigureAwait(false);
            if (step.Next is { } next)
            {
                current = next;
                continue;
            }

            if (step.End != LegEnd.Interrupted)
            {
                return step.End;
            }

            if (book.Change(leg.TakeRedirect) is not { } redirect)
            {
                return LegEnd.HungUp;
            }

            var replaced = redirect.Twiml is not null
                ? ParseInline(leg, redirect.Twiml)
                : await FetchAsync(leg, WebhookKind.Voice, redirect.Url!, redirect.Method, CallParameters(leg)).ConfigureAwait(false);
            if (replaced is null)
            {
                return ApplicationError(leg);
            }

            current = replaced;
        }
    }

    private async Task<Step> RunDocumentAsync(CallLeg leg, TwimlDocument document)
    {
        foreach (var verb in document.Verbs)
        {
            if (leg.PendingInterruption is not null)
            {
                return new Step(LegEnd.Interrupted);
            }

            switch (verb)
            {
                case SayVerb or PlayVerb or PauseVerb:
                    Hear(leg, verb);
                    break;
                case HangupVerb:
                    return new Step(LegEnd.HungUp);
                case RejectVerb:
                    return new Step(LegEnd.Rejected);
                case RedirectVerb redirect:
                    var target = document.Resolve(redirect.Url);
                    var next = target is null ? null : await FetchAsync(leg, WebhookKind.Voice, target, redirect.Method, CallParameters(leg)).ConfigureAwait(false);
                    return next is null ? new Step(ApplicationError(leg)) : Step.Continue(next);
                case GatherVerb gather:
                    if (await GatherAsync(leg, gather, document).ConfigureAwait(false) is { } afterGather)
                    {
                        return afterGather;
                    }

                    break;
                case DialVerb dial:
                    if (await DialAsync(leg, dial, document).ConfigureAwait(false) is { } afterDial)
                    {
                        return afterDial;
                    }

                    break;
                case StartRecordingVerb start:
                    await StartRecordingAsync(
                        leg,
                        "StartCallRecordingTwiML",
                        start.Channels,
                        start.Track,
                        CallbackTarget.From(document.Resolve(start.StatusCallback), start.StatusCallbackMethod, start.StatusCallbackEvent is { } events ? [events] : [])).ConfigureAwait(false);
                    break;
                default:
                    Hear(leg, verb);
                    break;
            }
        }

        return leg.PendingInterruption is not null ? new Step(LegEnd.Interrupted) : new Step(LegEnd.RanOut);
    }

    /// <summary>
    /// Plays the prompts, takes the party's scripted input and posts it to <c>action</c> with <c>Digits</c> or
    /// <c>SpeechResult</c> and <c>Confidence</c> (https://www.twilio.com/docs/voice/twiml/gather#action). Without input the
    /// action is posted only with <c>actionOnEmptyResult="true"</c>; otherwise the next verb runs (null).
    /// </summary>
    private async Task<Step?> GatherAsync(CallLeg leg, GatherVerb gather, TwimlDocument document)
    {
        foreach (var prompt in gather.Prompts)
        {
            Hear(leg, prompt);
        }

        var behavior = book.Change(() => leg.Script.AtGather(leg.GathersHeard++));
        var input = behavior switch
        {
            CalleeBehavior.HangsUpDuringGather => new GatherInput(null, null, null, HungUp: true),
            CalleeBehavior.PressesOne when gather.AcceptsDtmf => new GatherInput("1", null, null, false),
            CalleeBehavior.PressesTwo when gather.AcceptsDtmf => new GatherInput("2", null, null, false),
            CalleeBehavior.SaysYes when gather.AcceptsSpeech => new GatherInput(null, "Yes.", leg.Script.SpeechConfidence, false),
            CalleeBehavior.SaysNo when gather.AcceptsSpeech => new GatherInput(null, "No.", leg.Script.SpeechConfidence, false),
            _ => new GatherInput(null, null, null, false),
        };
        book.Change(() => leg.GatherInputs.Add(input));
        if (input.HungUp)
        {
            book.Change(() => leg.Interrupt(LegInterruption.HangUpNow));
            return new Step(LegEnd.HungUp);
        }

        var action = document.Resolve(gather.Action) ?? document.Source?.AbsoluteUri;
        if (action is null || (input.IsEmpty && !gather.ActionOnEmptyResult))
        {
            return null;
        }

        var parameters = CallParameters(leg);
        if (input.Digits is not null)
        {
            parameters.Add(new("Digits", input.Digits));
            parameters.Add(new("FinishedOnKey", string.Empty));
        }

        if (input.SpeechResult is not null)
        {
            parameters.Add(new("SpeechResult", input.SpeechResult));
            parameters.Add(new("Confidence", input.Confidence!.Value.ToString("0.0######", CultureInfo.InvariantCulture)));
        }

        var next = await FetchAsync(leg, WebhookKind.Action, action, gather.Method, parameters).ConfigureAwait(false);
        return next is null ? new Step(ApplicationError(leg)) : Step.Continue(next);
    }

    private LegEnd ApplicationError(CallLeg leg)
    {
        Hear(leg, new SayVerb(ApplicationErrorMessage, "en-US"));
        return LegEnd.Failed;
    }
}
