using System.Globalization;

namespace CrmRecording.Salesforce;

/// <summary>
/// The one exception a <see cref="SalesforceClient"/> throws for a failed call: the REST error array
/// (<c>[{"message","errorCode","fields"}]</c>, first error), an OAuth error (<c>{"error","error_description"}</c>),
/// a response that broke the documented contract, or a transport failure (status 0). When
/// <see cref="RetryAfter"/> is set the org asked to come back later (503, or 403 REQUEST_LIMIT_EXCEEDED): the
/// caller must wait that long rather than send again at once.
/// </summary>
public sealed class SalesforceException : Exception
{
    public SalesforceException()
        : this("Salesforce request failed.")
    {
    }

    public SalesforceException(string message)
        : this(message, null)
    {
    }

    public SalesforceException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
        Fields = [];
    }

    public SalesforceException(int status, string? errorCode, string serverMessage, IReadOnlyList<string>? fields = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(Describe(status, errorCode, serverMessage, fields), innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ServerMessage = serverMessage;
        Fields = fields ?? [];
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status; 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>Salesforce's code: <c>INVALID_SESSION_ID</c>, <c>REQUEST_LIMIT_EXCEEDED</c>, <c>MALFORMED_QUERY</c>, <c>invalid_grant</c>...</summary>
    public string? ErrorCode { get; }

    /// <summary>The message as Salesforce (or this client, for contract breaks) stated it.</summary>
    public string ServerMessage { get; }

    /// <summary>The fields the error is about, when Salesforce names them.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>How long to wait before trying again; null when trying again would not help.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The org is unavailable or over a limit: the work should wait <see cref="RetryAfter"/>, not fail.</summary>
    public bool IsRetryLater => RetryAfter is not null;

    private static string Describe(int status, string? errorCode, string message, IReadOnlyList<string>? fields)
    {
        var head = status == 0 ? "Salesforce could not be reached" : string.Create(CultureInfo.InvariantCulture, $"Salesforce returned {status}");
        var code = errorCode is null ? string.Empty : $" ({errorCode})";
        var about = fields is { Count: > 0 } ? $" [fields {string.Join(", ", fields)}]" : string.Empty;
        return $"{head}{code}: {message}{about}";
    }
}
