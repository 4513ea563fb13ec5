using System.Globalization;
using System.Net;

namespace CrmRecording.Emulators.Twilio.Http;

/// <summary>
/// An error in Twilio's REST shape <c>{"code","message","more_info","status"}</c> (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions),
/// with the codes of Twilio's error dictionary (https://www.twilio.com/docs/errors).
/// </summary>
internal sealed record TwilioError(HttpStatusCode Status, int Code, string Message, string? Detail = null)
{
    public string MoreInfo => "https://www.twilio.com/docs/errors/" + Code.ToString(CultureInfo.InvariantCulture);

    /// <summary>20003: wrong or missing credentials (401), with the detail Twilio adds.</summary>
    public static TwilioError Authenticate { get; } = new(HttpStatusCode.Unauthorized, 20003, "Authenticate", "Your AccountSid or AuthToken was incorrect.");

    /// <summary>20404 for a resource that does not exist (or an account other than the authenticated one).</summary>
    public static TwilioError NotFound(string path) => new(HttpStatusCode.NotFound, 20404, $"The requested resource {path} was not found");

    /// <summary>21201 "No 'To' number is specified" (https://www.twilio.com/docs/errors/21201).</summary>
    public static TwilioError MissingTo { get; } = new(HttpStatusCode.BadRequest, 21201, "No 'To' number is specified");

    /// <summary>21213 "Caller phone number is required": the 'From' parameter is missing (https://www.twilio.com/docs/errors/21213).</summary>
    public static TwilioError MissingFrom { get; } = new(HttpStatusCode.BadRequest, 21213, "No 'From' number is specified");

    /// <summary>21205 "Invalid URL": no valid Url (and no Twiml) to run the call with (https://www.twilio.com/docs/errors/21205).</summary>
    public static TwilioError MissingUrl { get; } = new(HttpStatusCode.BadRequest, 21205, "Url parameter is required.");

    public static TwilioError InvalidUrl(string url) => new(HttpStatusCode.BadRequest, 21205, $"Url is not a valid URL: {url}");

    /// <summary>21220 "Invalid call state": a realtime operation on a call that is not in progress (https://www.twilio.com/docs/errors/21220).</summary>
    public static TwilioError InvalidCallState { get; } = new(HttpStatusCode.BadRequest, 21220, "Call is not in-progress. Cannot redirect.");

    public static TwilioError NotRecordable { get; } = new(HttpStatusCode.BadRequest, 21220, "Requested resource is not eligible for recording");

    /// <summary>20001 for a parameter value the resource does not accept.</summary>
    public static TwilioError BadRequest(string message) => new(HttpStatusCode.BadRequest, 20001, message);

    /// <summary>20004 "Method not allowed".</summary>
    public static TwilioError MethodNotAllowed { get; } = new(HttpStatusCode.MethodNotAllowed, 20004, "Method not allowed");
}
