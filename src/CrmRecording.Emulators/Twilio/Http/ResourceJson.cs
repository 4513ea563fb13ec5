using System.Globalization;
using System.Text.Json;
using CrmRecording.Emulators.Twilio.Calls;
using CrmRecording.Emulators.Twilio.Recordings;

namespace CrmRecording.Emulators.Twilio.Http;

/// <summary>
/// Call and Recording resources in Twilio's JSON: snake_case names, RFC 2822 dates, durations as strings, relative
/// <c>uri</c>s ending in <c>.json</c> (https://www.twilio.com/docs/voice/api/call-resource,
/// https://www.twilio.com/docs/voice/api/recording).
/// </summary>
internal static class ResourceJson
{
    private const string ApiVersion = "2010-04-01";

    public static void WriteCall(Utf8JsonWriter json, CallRecord call, string accountSid)
    {
        var uri = $"/{ApiVersion}/Accounts/{accountSid}/Calls/{call.Sid}";
        json.WriteStartObject();
        json.WriteString("account_sid", accountSid);
        json.WriteNull("annotation");
        json.WriteNull("answered_by");
        json.WriteString("api_version", ApiVersion);
        json.WriteNull("caller_name");
        json.WriteString("date_created", Rfc2822.Format(call.DateCreated));
        json.WriteString("date_updated", Rfc2822.Format(call.DateUpdated));
        json.WriteString("direction", call.Direction);
        WriteStringOrNull(json, "duration", call.EndTime is { } end && call.StartTime is { } start ? Seconds(end - start) : call.Status.IsFinal() ? "0" : null);
        WriteStringOrNull(json, "end_time", Rfc2822.Format(call.EndTime));
        json.WriteNull("forwarded_from");
        json.WriteString("from", call.From);
        json.WriteString("from_formatted", Formatted(call.From));
        json.WriteNull("group_sid");
        WriteStringOrNull(json, "parent_call_sid", call.ParentCallSid);
        json.WriteNull("phone_number_sid");
        json.WriteNull("price");
        json.WriteString("price_unit", "USD");
        json.WriteString("queue_time", "0");
        json.WriteString("sid", call.Sid);
        WriteStringOrNull(json, "start_time", Rfc2822.Format(call.StartTime));
        json.WriteString("status", call.Status.ToWire());
        json.WriteStartObject("subresource_uris");
        foreach (var (name, path) in new[]
        {
            ("notifications", "Notifications"), ("recordings", "Recordings"), ("payments", "Payments"), ("events", "Events"),
            ("siprec", "Siprec"), ("streams", "Streams"), ("transcriptions", "Transcriptions"),
            ("user_defined_message_subscriptions", "UserDefinedMessageSubscriptions"), ("user_defined_messages", "UserDefinedMessages"),
        })
        {
            json.WriteString(name, $"{uri}/{path}.json");
        }

        json.WriteEndObject();
        json.WriteString("to", call.To);
        json.WriteString("to_formatted", Formatted(call.To));
        json.WriteNull("trunk_sid");
        json.WriteString("uri", uri + ".json");
        json.WriteEndObject();
    }

    /// <summary>
    /// A recording as the call-scoped endpoints answer (uri under the call, <c>track</c>), or as the account-scoped
    /// fetch answers (uri under the account, <c>media_url</c>, <c>subresource_uris</c>).
    /// </summary>
    public static void WriteRecording(Utf8JsonWriter json, RecordingRecord recording, string accountSid, Uri baseAddress, bool callScoped, RecordingStatus? reportedStatus = null)
    {
        var accountUri = $"/{ApiVersion}/Accounts/{accountSid}/Recordings/{recording.Sid}";
        json.WriteStartObject();
        json.WriteString("account_sid", accountSid);
        json.WriteString("api_version", ApiVersion);
        json.WriteString("call_sid", recording.CallSid);
        json.WriteNull("conference_sid");
        json.WriteNumber("channels", recording.Channels);
        json.WriteString("date_created", Rfc2822.Format(recording.StartTime));
        json.WriteString("date_updated", Rfc2822.Format(recording.DateUpdated));
        json.WriteString("start_time", Rfc2822.Format(recording.StartTime));
        json.WriteNull("price");
        json.WriteNull("price_unit");
        var finished = recording.Status is RecordingStatus.Completed or RecordingStatus.Absent;
        WriteStringOrNull(json, "duration", finished ? recording.DurationSeconds.ToString(CultureInfo.InvariantCulture) : null);
        json.WriteString("sid", recording.Sid);
        json.WriteString("source", recording.Source);
        json.WriteString("status", (reportedStatus ?? recording.Status).ToWire());
        json.WriteNull("error_code");
        json.WriteNull("encryption_details");
        json.WriteString("track", recording.Track);
        if (callScoped)
        {
            json.WriteString("uri", $"/{ApiVersion}/Accounts/{accountSid}/Calls/{recording.CallSid}/Recordings/{recording.Sid}.json");
        }
        else
        {
            json.WriteString("media_url", new Uri(baseAddress, accountUri.TrimStart('/')).AbsoluteUri);
            json.WriteStartObject("subresource_uris");
            json.WriteString("add_on_results", accountUri + "/AddOnResults.json");
            json.WriteString("transcriptions", accountUri + "/Transcriptions.json");
            json.WriteEndObject();
            json.WriteString("uri", accountUri + ".json");
        }

        json.WriteEndObject();
    }

    /// <summary>NANP numbers as <c>(415) 867-5309</c>, as Twilio formats them; others as given.</summary>
    public static string Formatted(string number) =>
        number.Length == 12 && number.StartsWith("+1", StringComparison.Ordinal) && number.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0
            ? $"({number[2..5]}) {number[5..8]}-{number[8..]}"
            : number;

    private static string Seconds(TimeSpan span) =>
        ((int)Math.Round(span.TotalSeconds, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
