namespace CrmRecording.Service.Crm;

/// <summary>
/// A CRM did not answer or refused the request (outage, API limit, expired sign-in, a rejected write). Callers answer
/// 503 rather than a verdict; <see cref="RetryAfter"/> is when the CRM said to try again, if it did.
/// </summary>
public sealed class CrmUnavailableException : Exception
{
    public CrmUnavailableException()
    {
    }

    public CrmUnavailableException(string message)
        : base(message)
    {
    }

    public CrmUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CrmUnavailableException(string crm, int status, string message, TimeSpan? retryAfter, Exception? innerException)
        : base($"{crm} answered {status}: {message}", innerException)
    {
        Crm = crm;
        Status = status;
        RetryAfter = retryAfter;
    }

    public string? Crm { get; }

    /// <summary>The CRM's HTTP status; 0 when it did not answer.</summary>
    public int Status { get; }

    public TimeSpan? RetryAfter { get; }
}
