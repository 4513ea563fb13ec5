using System.Globalization;

namespace CrmRecording.Telephony;

/// <summary>
/// The one exception a <see cref="TwilioClient"/> throws for a failed call: an error Twilio returned
/// (<c>{"code":20404,"message":"...","more_info":"https://www.twilio.com/docs/errors/20404","status":404}</c>),
/// a throttle or outage that outlasted the retries, a response that broke the documented contract, or a
/// transport failure (status 0).
/// </summary>
public sealed class TwilioException : Exception
{
    public TwilioException()
        : this("Twilio request failed.")
    {
    }

    public TwilioException(string message)
        : this(message, null)
    {
    }

    public TwilioException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
    }

    public TwilioException(int status, int? code, string serverMessage, string? moreInfo, string? requestId, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(Describe(status, code, serverMessage, requestId), innerException)
    {
        Status = status;
        Code = code;
        ServerMessage = serverMessage;
        MoreInfo = moreInfo;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status; 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>Twilio's error code (e.g. 20404, 21211), documented at <see cref="MoreInfo"/>; null when the body was not Twilio's error JSON.</summary>
    public int? Code { get; }

    /// <summary>The message as Twilio (or this client, for transport failures and contract breaks) stated it.</summary>
    public string ServerMessage { get; }

    /// <summary>The documentation page for <see cref="Code"/>.</summary>
    public string? MoreInfo { get; }

    /// <summary>The <c>Twilio-Request-Id</c> response header, for Twilio support.</summary>
    public string? RequestId { get; }

    /// <summary>How long Twilio asked to wait, when the failure is a throttle that outlasted the retries.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(int status, int? code, string message, string? requestId)
    {
        var head = status == 0 ? "Twilio could not be reached" : string.Create(CultureInfo.InvariantCulture, $"Twilio returned {status}");
        var error = code is { } c ? string.Create(CultureInfo.InvariantCulture, $" (error {c})") : string.Empty;
        var request = requestId is null ? string.Empty : $" [request {requestId}]";
        return $"{head}{error}: {message}{request}";
    }
}
