using System.Security.Cryptography;
using System.Text;
using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>Every webhook is signed and shaped like Twilio's; failures of the application are logged as Twilio's debugger does.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task EveryWebhook_SignatureVerifiesWithTheAuthToken()
    {
        await using var session = await TwilioSession.StartAsync(o => o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne));
        ConsentApplication.Install(session.Application);
        var parentSid = await session.CallAsync(TwilioSession.Rep, "/voice", ("StatusCallback", FakeApplication.Url("/status?leg=rep")), ("StatusCallbackEvent", "initiated ringing answered completed"));
        var parent = await session.StandIn.WaitForCallAsync(parentSid, c => c.Bridged, TwilioSession.Patience);
        await session.StandIn.HangUpAsync(parent.ChildCallSids[0]);
        await session.StandIn.WaitForEndAsync(parentSid, TwilioSession.Patience);

        var received = session.Application.Received;
        Assert.True(received.Count >= 10, $"only {received.Count} webhooks");
        foreach (var webhook in received)
        {
            Assert.Equal("POST", webhook.Method);
            Assert.Equal(Sign(session.StandIn.Options.AuthToken, webhook.Url.OriginalString, webhook.Form), webhook.Headers["X-Twilio-Signature"]);
            Assert.Equal("TwilioProxy/1.1", webhook.Headers["User-Agent"]);
            Assert.Equal("application/x-www-form-urlencoded", webhook.Headers["Content-Type"]);
            Assert.True(Guid.TryParse(webhook.Headers["I-Twilio-Idempotency-Token"], out _));
        }

        Assert.Equal(received.Count, session.StandIn.Webhooks.All.Count);
        Assert.All(session.StandIn.Webhooks.All, w => Assert.True(w.Succeeded));
    }

    [Fact]
    public async Task Webhook_SignedWithAnotherToken_DoesNotVerify()
    {
        await using var session = await TwilioSession.StartAsync();
        session.Application.Twiml("/voice", "<Response><Say>Hi</Say></Response>");
        var sid = await session.CallAsync(TwilioSession.Customer, "/voice");
        await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        var webhook = Assert.Single(session.Application.Received);

        Assert.NotEqual(Sign("another-token", webhook.Url.OriginalString, webhook.Form), webhook.Headers["X-Twilio-Signature"]);
    }

    [Fact]
    public async Task VoiceUrl_Answers500_LogsError11200AndEndsTheCallWithTheApplicationError()
    {
        await using var session = await TwilioSession.StartAsync();
        session.Application.Answer("/voice", _ => new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError));

        var sid = await session.CallAsync(TwilioSession.Customer, "/voice");
        var call = await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        var error = Assert.Single(session.StandIn.Webhooks.Errors);
        Assert.Equal(11200, error.ErrorCode);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(WebhookKind.Voice, error.Kind);
        Assert.Equal(sid, error.CallSid);
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(["We're sorry, an application error has occurred. Goodbye."], call.SaidTexts);
    }

    [Fact]
    public async Task GatherAction_TimesOut_LogsError11200()
    {
        await using var session = await TwilioSession.StartAsync(o =>
        {
            o.Callees[TwilioSession.Customer] = new CalleeScript(CalleeBehavior.PressesOne);
            o.WebhookTimeout = TimeSpan.FromMilliseconds(100);
        });
        ConsentApplication.Install(session.Application);
        session.Application.AnswerLate("/consent-result", TimeSpan.FromSeconds(5), "<Response/>");

        var sid = await session.CallAsync(TwilioSession.Customer, "/consent");
        var call = await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        var error = Assert.Single(session.StandIn.Webhooks.Errors);
        Assert.Equal(11200, error.ErrorCode);
        Assert.Null(error.StatusCode);
        Assert.Equal(WebhookKind.Action, error.Kind);
        Assert.Equal("We're sorry, an application error has occurred. Goodbye.", call.SaidTexts[^1]);
    }

    [Fact]
    public async Task VoiceUrl_AnswersSomethingNotTwiml_LogsError12100()
    {
        await using var session = await TwilioSession.StartAsync();
        session.Application.Answer("/voice", _ => FakeApplication.Xml("<html>not twiml</html>"));

        var sid = await session.CallAsync(TwilioSession.Customer, "/voice");
        await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        Assert.Equal(12100, Assert.Single(session.StandIn.Webhooks.Errors).ErrorCode);
    }

    [Fact]
    public async Task StatusCallback_Fails_IsLoggedAndTheCallGoesOn()
    {
        await using var session = await TwilioSession.StartAsync();
        session.Application.Twiml("/voice", "<Response><Say>Still here</Say></Response>");
        session.Application.Answer("/status", _ => new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway));

        var sid = await session.CallAsync(TwilioSession.Customer, "/voice", ("StatusCallback", FakeApplication.Url("/status")), ("StatusCallbackEvent", "answered"));
        var call = await session.StandIn.WaitForEndAsync(sid, TwilioSession.Patience);

        Assert.Equal(WebhookKind.CallStatus, Assert.Single(session.StandIn.Webhooks.Errors).Kind);
        Assert.Equal(["Still here"], call.SaidTexts);
    }

    /// <summary>Twilio's algorithm, written out independently of the stand-in's implementation.</summary>
    private static string Sign(string token, string url, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
#pragma warning disable CA5350 // Twilio's signature is HMAC-SHA1 by definition.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
    }
}
