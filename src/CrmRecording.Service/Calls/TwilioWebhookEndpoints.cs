using System.Text.RegularExpressions;
using CrmRecording.Service.Ingest;
using CrmRecording.Telephony;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Calls;

/// <summary>
/// Twilio's webhooks: TwiML for each leg and step of a call, call progress and recording status. Every
/// request must carry a valid <c>X-Twilio-Signature</c> for the public URL it was sent to (403 otherwise);
/// fields that are missing or malformed are a 400 naming them.
/// </summary>
internal static partial class TwilioWebhookEndpoints
{
    private const int MaxFormBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup("/twilio").WithTags("twilio").DisableAntiforgery();
        twilio.MapPost("/voice/{callId}/{step}", VoiceAsync).WithSummary("TwiML for a leg or step of a call (rep, customer, notice-played, consent, dial-complete).");
        twilio.MapPost("/calls/{callId}/status", StatusAsync).WithSummary("Call progress (status callback).");
        twilio.MapPost("/recording-status", RecordingStatusAsync).WithSummary("Recording status callback: a completed recording is queued for ingest.");
        return app;
    }

    internal static async Task<IResult> VoiceAsync(string callId, string step, HttpRequest request, CallFlow flow, ICallStore calls, IOptions<TwilioClientOptions> options, CancellationToken cancellationToken)
    {
        var (form, refused) = await ReadSignedAsync(request, options.Value, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (form!.CallSid is not { } callSid || !CallSidPattern().IsMatch(callSid))
        {
            return Problem(400, "CallSid is missing or is not a Twilio call sid (CA followed by 32 hex digits).");
        }

        if (await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return Problem(404, $"No call {callId}.");
        }

        var twiml = step switch
        {
            "rep" => await flow.RepLegAsync(call, form, cancellationToken).ConfigureAwait(false),
            "customer" => await flow.CustomerLegAsync(call, form, cancellationToken).ConfigureAwait(false),
            "notice-played" => await flow.NoticePlayedAsync(call, Version(request), cancellationToken).ConfigureAwait(false),
            "consent" => await flow.ConsentAnsweredAsync(call, form, Version(request), cancellationToken).ConfigureAwait(false),
            "dial-complete" => await flow.DialCompletedAsync(call, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        return twiml is null ? Problem(404, $"No call step '{step}'.") : Results.Content(twiml, "application/xml");
    }

    internal static async Task<IResult> StatusAsync(string callId, HttpRequest request, CallFlow flow, ICallStore calls, IOptions<TwilioClientOptions> options, CancellationToken cancellationToken)
    {
        var (form, refused) = await ReadSignedAsync(request, options.Value, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (form!.CallStatus is null)
        {
            return Problem(400, "CallStatus is missing.");
        }

        if (await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return Problem(404, $"No call {callId}.");
        }

        await flow.CallStatusAsync(call, form, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    internal static async Task<IResult> RecordingStatusAsync(HttpRequest request, ICallStore calls, IOutbox outbox, IOptions<TwilioClientOptions> options, TimeProvider time, ILoggerFactory loggers, Recovery.FlowCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var (form, refused) = await ReadSignedAsync(request, options.Value, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var recordingSid = form!.Get("RecordingSid");
        var status = form.Get("RecordingStatus");
        var problems = new List<string>();
        if (form.AccountSid != options.Value.AccountSid)
        {
            problems.Add("AccountSid is not this service's Twilio account");
        }

        if (recordingSid is null || !RecordingSidPattern().IsMatch(recordingSid))
        {
            problems.Add("RecordingSid is missing or is not a recording sid (RE followed by 32 hex digits)");
        }

        if (form.CallSid is null || !CallSidPattern().IsMatch(form.CallSid))
        {
            problems.Add("CallSid is missing or is not a call sid (CA followed by 32 hex digits)");
        }

        if (status is not ("in-progress" or "completed" or "absent" or "failed"))
        {
            problems.Add($"RecordingStatus '{status}' is not in-progress, completed, absent or failed");
        }

        int? duration = null;
        if (form.Get("RecordingDuration") is { } d)
        {
            duration = int.TryParse(d, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
            if (duration is null)
            {
                problems.Add($"RecordingDuration '{d}' is not a whole number of seconds");
            }
        }

        var callId = request.Query["call"].ToString();
        if (string.IsNullOrEmpty(callId))
        {
            problems.Add("the callback URL has no call= parameter (it is set when the recording is started)");
        }

        if (problems.Count > 0)
        {
            return Problem(400, string.Join("; ", problems) + ".");
        }

        if (await calls.GetAsync(callId, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return Problem(400, $"No call {callId}.");
        }

        if (call.TwilioCallSid != form.CallSid && call.CustomerCallSid != form.CallSid)
        {
            return Problem(400, "CallSid does not belong to this call.");
        }

        var log = loggers.CreateLogger("CrmRecording.Service.Calls.Twilio");
        switch (status)
        {
            case "completed":
                var now = time.GetUtcNow();
                var queued = await outbox.EnqueueAsync(new RecordingIngestJob(call.Id, recordingSid!, form.CallSid!, duration).ToOutboxJob(now, now), cancellationToken).ConfigureAwait(false);
                RecordingQueued(log, call.Id, queued);
                checkpoint.Reached("after-recording-callback");
                return Results.Ok(new { status = queued ? "queued" : "duplicate" });
            case "in-progress":
                var startedAt = time.GetUtcNow();
                await calls.UpdateAsync(
                    call.Id,
                    c => c.Recordings.Any(r => r.RecordingSid == recordingSid)
                        ? c with { Recordings = [.. c.Recordings.Select(r => r.RecordingSid == recordingSid && r.StartedAt is null ? r with { StartedAt = startedAt } : r)] }
                        : c with { Recordings = [.. c.Recordings, new CallRecording(recordingSid!, "in-progress", StartedAt: startedAt)] },
                    cancellationToken).ConfigureAwait(false);
                checkpoint.Reached("mid-recording");
                return Results.Ok(new { status = "noted" });
            default:
                // absent (nothing was recorded) or failed: there is no media to fetch; remember why.
                await calls.UpdateAsync(call.Id, c => c with { Recordings = [.. c.Recordings.Where(r => r.RecordingSid != recordingSid), new CallRecording(recordingSid!, status!)] }, cancellationToken).ConfigureAwait(false);
                return Results.Ok(new { status = "noted" });
        }
    }

    /// <summary>Reads the form and checks Twilio's signature over the public URL it was sent to.</summary>
    private static async Task<(TwilioForm? Form, IResult? Refused)> ReadSignedAsync(HttpRequest request, TwilioClientOptions options, CancellationToken cancellationToken)
    {
        var log = request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CrmRecording.Service.Calls.Twilio");
        if (request.ContentLength > MaxFormBytes)
        {
            Refused(log, request.Path, "body too large");
            return (null, Problem(413, $"Twilio webhooks are small forms; this one is over {MaxFormBytes} bytes."));
        }

        // A chunked body has no length up front: cap what is read before the signature is checked.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        if (!request.HasFormContentType)
        {
            Refused(log, request.Path, "not a form");
            return (null, Problem(400, "Expected an application/x-www-form-urlencoded body, as Twilio sends."));
        }

        IFormCollection collection;
        try
        {
            collection = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            Refused(log, request.Path, "form unreadable (" + ex.StatusCode + ")");
            return (null, Problem(ex.StatusCode, $"The form could not be read: {ex.Message}"));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Over the form limits (1,024 fields, 2,048-character keys) or a broken multipart body: anyone can send
            // these, unsigned, so they are the sender's fault in one line — never an error with a stack trace.
            Refused(log, request.Path, "form unreadable (" + ex.GetType().Name + ")");
            return (null, Problem(400, "The form could not be read: it is malformed or over the limits of a Twilio webhook (1,024 fields, 2,048-character names)."));
        }

        var pairs = collection.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList();
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        if (options.AuthToken is not { Length: > 0 } token || !PublicUrls(request, options).Any(url => TwilioSignature.IsValidForm(token, url, pairs, signature)))
        {
            Refused(log, request.Path, "signature missing or wrong");
            return (null, Problem(403, "X-Twilio-Signature is missing or does not match this request (check Twilio:AuthToken and Twilio:PublicBaseUrl)."));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            fields.TryAdd(key, value);
        }

        return (new TwilioForm(fields), null);
    }

    /// <summary>
    /// The URLs Twilio may have signed: the configured public base URL plus the path and query as received, and the
    /// URL as this request arrived — behind a trusted proxy (<c>Service:TrustForwardedHeaders</c>) the one the proxy
    /// was asked for. Which one matches does not matter: each still needs the auth token's signature.
    /// </summary>
    internal static IEnumerable<string> PublicUrls(HttpRequest request, TwilioClientOptions options)
    {
        var pathAndQuery = request.Path.Value + request.QueryString.Value;
        if (options.PublicBaseUrl is { } publicBase)
        {
            yield return TwilioSignature.PublicRequestUrl(publicBase, pathAndQuery).AbsoluteUri;
        }

        yield return $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
    }

    private static string? Version(HttpRequest request) => request.Query["v"].ToString() is { Length: > 0 and <= 64 } v ? v : null;

    private static IResult Problem(int status, string detail) => Results.Problem(statusCode: status, detail: detail);

    [GeneratedRegex("^CA[0-9a-f]{32}$")]
    private static partial Regex CallSidPattern();

    [GeneratedRegex("^RE[0-9a-f]{32}$")]
    private static partial Regex RecordingSidPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio webhook {Path} refused: {Reason}")]
    private static partial void Refused(ILogger logger, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: recording completed, queued for ingest (new: {Queued})")]
    private static partial void RecordingQueued(ILogger logger, string callId, bool queued);
}
