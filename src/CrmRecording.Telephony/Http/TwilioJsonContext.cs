using System.Text.Json.Serialization;
using CrmRecording.Telephony.Lookup;

namespace CrmRecording.Telephony.Http;

/// <summary>Twilio's snake_case JSON, with numbers Twilio sends as strings (<c>"duration": "15"</c>) and RFC 2822 dates.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(Rfc2822Date)])]
[JsonSerializable(typeof(TwilioCall))]
[JsonSerializable(typeof(TwilioRecording))]
[JsonSerializable(typeof(TwilioRecordingPage))]
[JsonSerializable(typeof(LookupResponse))]
internal sealed partial class TwilioJsonContext : JsonSerializerContext;
