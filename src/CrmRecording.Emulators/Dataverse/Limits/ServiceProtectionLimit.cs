namespace CrmRecording.Emulators.Dataverse.Limits;

/// <summary>Which of the three limits refused a request; each has its documented error code.</summary>
public enum ServiceProtectionLimit
{
    /// <summary>-2147015902 (0x80072322): "Number of requests exceeded the limit of 6000 over time window of 300 seconds."</summary>
    Requests,

    /// <summary>-2147015903 (0x80072321): "Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds."</summary>
    ExecutionTime,

    /// <summary>-2147015898 (0x80072326): "Number of concurrent requests exceeded the limit of 52."</summary>
    ConcurrentRequests,
}
