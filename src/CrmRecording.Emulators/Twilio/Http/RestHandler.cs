using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmRecording.Emulators.Journal;
using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Faults;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.Lookup;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Twilio.Http;

/// <summary>
/// Serves <c>/2010-04-01/Accounts/{AccountSid}/...</c> and Lookup's <c>/v2/PhoneNumbers/{E164}</c>. Every request is
/// journaled, then meets injected faults, then HTTP Basic authentication with the account's sid and auth token or
/// an API key (https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http).
/// </summary>
internal sealed partial class RestHandler(
    TwilioStandInOptions options,
    CallBook book,
    CallRunner runner,
    LookupResponder lookup,
    FaultInjector faults,
    RequestJournal<RecordedRequest> requests,
    BackgroundWork background,
    Func<Uri> baseAddress)
{
    private const string ApiPrefix = "/2010-04-01/Accounts/";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var form = FormBody.Parse(body);
        var path = request.Path.Value ?? string.Empty;
        requests.Add(new RecordedRequest(
            request.Method,
            path,
            request.QueryString.Value ?? string.Empty,
            form.Pairs,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

        if (faults.IsDown)
        {
            // An outage: the connection drops without an answer, as a client sees an unreachable host.
            context.Abort();
            return;
        }

        try
        {
            if (faults.Next() is { } fault)
            {
                throw new TwilioErrorException(Fault(context, fault));
            }

            if (!IsAuthenticated(request))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
                throw new TwilioErrorException(TwilioError.Authenticate);
            }

            if (path.StartsWith(LookupResponder.PathPrefix, StringComparison.Ordinal) && HttpMethods.IsGet(request.Method))
            {
                await lookup.AnswerAsync(context, Uri.UnescapeDataString(path[LookupResponder.PathPrefix.Length..])).ConfigureAwait(false);
                return;
            }

            if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            {
                throw new TwilioErrorException(TwilioError.NotFound(path));
            }

            var rest = path[ApiPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var account = slash < 0 ? rest : rest[..slash];
            if (!string.Equals(account, options.AccountSid, StringComparison.Ordinal) || slash < 0)
            {
                // Twilio answers 404 for an account other than the one the credentials belong to.
                throw new TwilioErrorException(TwilioError.NotFound(path));
            }

            await DispatchAsync(context, path, rest[(slash + 1)..].Split('/'), form).ConfigureAwait(false);
        }
        catch (TwilioErrorException exception)
        {
            await WriteErrorAsync(context, exception.Error).ConfigureAwait(false);
        }
    }

    private Task DispatchAsync(HttpContext context, string path, string[] segments, FormBody form)
    {
        var method = context.Request.Method;
        return segments switch
        {
            ["Calls.json"] when HttpMethods.IsPost(method) => CreateCallAsync(context, form),
            ["Calls", var call] when call.EndsWith(".json", StringComparison.Ordinal) && HttpMethods.IsGet(method) => FetchCallAsync(context, path, Sid(call)),
            ["Calls", var call] when call.EndsWith(".json", StringComparison.Ordinal) && HttpMethods.IsPost(method) => UpdateCallAsync(context, path, Sid(call), form),
            ["Calls", var call, "Recordings.json"] when HttpMethods.IsPost(method) => CreateRecordingAsync(context, path, call, form),
            ["Calls", var call, "Recordings.json"] when HttpMethods.IsGet(method) => ListRecordingsAsync(context, call),
            ["Calls", var call, "Recordings", var recording] when recording.EndsWith(".json", StringComparison.Ordinal) && HttpMethods.IsPost(method)
                => UpdateRecordingAsync(context, path, call, Sid(recording), form),
            ["Calls", var call, "Recordings", var recording] when recording.EndsWith(".json", StringComparison.Ordinal) && HttpMethods.IsGet(method)
                => FetchRecordingAsync(context, path, Sid(recording), call),
            ["Recordings", var recording] when recording.EndsWith(".json", StringComparison.Ordinal) && HttpMethods.IsGet(method)
                => FetchRecordingAsync(context, path, Sid(recording), null),
            ["Recordings", var recording] when recording.EndsWith(".json", StringComparison.Ordinal) && HttpMethods.IsDelete(method)
                => DeleteRecordingAsync(context, path, Sid(recording)),
            ["Recordings", var recording] when !recording.Contains('.', StringComparison.Ordinal) || recording.EndsWith(".wav", StringComparison.Ordinal)
                => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? MediaAsync(context, path, Sid(recording)) : throw new TwilioErrorException(TwilioError.MethodNotAllowed),
            _ => throw new TwilioErrorException(TwilioError.NotFound(path)),
        };
    }

    private static string Sid(string segment)
    {
        var dot = segment.LastIndexOf('.');
        return dot < 0 ? segment : segment[..dot];
    }

    private bool IsAuthenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var user = credentials[..colon];
        var password = credentials[(colon + 1)..];
        return (user == options.AccountSid && SecretEquals(password, options.AuthToken))
            || (options.ApiKeySid is not null && user == options.ApiKeySid && SecretEquals(password, options.ApiKeySecret!));
    }

    private static bool SecretEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static TwilioError Fault(HttpContext context, InjectedFault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.TooManyRequests:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new TwilioError(HttpStatusCode.TooManyRequests, 20429, "Too Many Requests");
            case FaultKind.InternalError:
                return new TwilioError(HttpStatusCode.InternalServerError, 20500, "Internal Server Error");
            default:
                return new TwilioError(HttpStatusCode.ServiceUnavailable, 20503, "Service Unavailable");
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, TwilioError error)
    {
        context.Response.StatusCode = (int)error.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteNumber("code", error.Code);
        json.WriteString("message", error.Message);
        json.WriteString("more_info", error.MoreInfo);
        json.WriteNumber("status", (int)error.Status);
        if (error.Detail is not null)
        {
            json.WriteString("detail", error.Detail);
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext context, HttpStatusCode status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        write(json);
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
