using System.Text.Json;
using CrmRecording.Core.Phones;
using CrmRecording.Emulators.Twilio.Http;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Twilio.Lookup;

/// <summary>
/// Lookup v2 <c>GET /v2/PhoneNumbers/{PhoneNumber}?Fields=line_type_intelligence</c>
/// (https://www.twilio.com/docs/lookup/v2-api, https://www.twilio.com/docs/lookup/v2-api/line-type-intelligence), in the
/// shape of the documented example. The line type comes from <see cref="TwilioStandInOptions.LineTypes"/>; fields not
/// requested are null, as Twilio returns them. A number that does not parse is answered <c>valid: false</c>.
/// </summary>
internal sealed class LookupResponder(TwilioStandInOptions options, Func<Uri> baseAddress)
{
    public const string PathPrefix = "/v2/PhoneNumbers/";

    public async Task AnswerAsync(HttpContext context, string phoneNumber)
    {
        var fields = context.Request.Query["Fields"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = PhoneNumberParser.Default.Parse(phoneNumber);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        if (parsed.IsValid)
        {
            var number = parsed.Number;
            var e164 = number.ToString();
            var country = CallingCodeTable.Default.TryMatchPrefix(number.Digits, out var code) && code.PlacesOf(number.NationalSignificantNumber) is [var place, ..]
                ? place.Country
                : null;
            json.WriteString("calling_country_code", number.CallingCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteOrNull(json, "country_code", country);
            json.WriteString("phone_number", e164);
            json.WriteString("national_format", ResourceJson.Formatted(e164));
            json.WriteBoolean("valid", true);
            json.WriteNull("validation_errors");
        }
        else
        {
            json.WriteNull("calling_country_code");
            json.WriteNull("country_code");
            json.WriteString("phone_number", phoneNumber);
            json.WriteNull("national_format");
            json.WriteBoolean("valid", false);
            json.WriteStartArray("validation_errors");
            json.WriteStringValue("NOT_A_NUMBER");
            json.WriteEndArray();
        }

        json.WriteNull("caller_name");
        json.WriteNull("sim_swap");
        json.WriteNull("call_forwarding");
        json.WriteNull("line_status");
        if (parsed.IsValid && fields.Contains("line_type_intelligence", StringComparer.Ordinal))
        {
            var type = options.LineTypes.TryGetValue(parsed.Number.ToString(), out var configured) ? configured : options.DefaultLineType;
            json.WriteStartObject("line_type_intelligence");
            json.WriteNull("error_code");
            json.WriteNull("mobile_country_code");
            json.WriteNull("mobile_network_code");
            json.WriteString("carrier_name", "Twilio stand-in");
            json.WriteString("type", type);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("line_type_intelligence");
        }

        json.WriteNull("identity_match");
        json.WriteNull("reassigned_number");
        json.WriteNull("sms_pumping_risk");
        json.WriteNull("phone_number_quality_score");
        json.WriteNull("pre_fill");
        json.WriteString("url", new Uri(baseAddress(), PathPrefix.TrimStart('/') + (parsed.IsValid ? parsed.Number.ToString() : Uri.EscapeDataString(phoneNumber))).AbsoluteUri);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteOrNull(Utf8JsonWriter json, string name, string? value)
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
