using System.Globalization;

namespace CrmRecording.Dataverse;

/// <summary>
/// The one exception a <see cref="DataverseClient"/> throws for a failed Web API call: an error the
/// service returned (<c>{"error":{"code":"0x80040265","message":"..."}}</c>), a throttle that outlasted
/// the retries, a response that broke the documented contract, or a transport failure (status 0).
/// </summary>
public sealed class DataverseException : Exception
{
    public DataverseException()
        : this("Dataverse request failed.")
    {
    }

    public DataverseException(string message)
        : this(message, null)
    {
    }

    public DataverseException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
    }

    public DataverseException(int status, string? errorCode, string serverMessage, string? requestId, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(Describe(status, errorCode, serverMessage, requestId), innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ServerMessage = serverMessage;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status; 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The Dataverse error code such as <c>0x80040265</c> (not related to the HTTP status; often absent).</summary>
    public string? ErrorCode { get; }

    /// <summary>The message as the service (or this client, for contract breaks) stated it.</summary>
    public string ServerMessage { get; }

    /// <summary>The service's request id (<c>REQ_ID</c> or <c>x-ms-service-request-id</c>), for Microsoft support.</summary>
    public string? RequestId { get; }

    /// <summary>How long the service asked to wait, when the failure is a throttle that outlasted the retries.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(int status, string? errorCode, string message, string? requestId)
    {
        var head = status == 0 ? "Dataverse could not be reached" : string.Create(CultureInfo.InvariantCulture, $"Dataverse returned {status}");
        var code = errorCode is null ? string.Empty : $" ({errorCode})";
        var request = requestId is null ? string.Empty : $" [request {requestId}]";
        return $"{head}{code}: {message}{request}";
    }
}
