namespace CrmRecording.Vault.Blobs;

/// <summary>A blob store failed (the service answered with an error, or the disk did); carries what the remote said.</summary>
public sealed class BlobStoreException : Exception
{
    public BlobStoreException(string message, int? status = null, string? errorCode = null, string? requestId = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    public int? Status { get; }

    public string? ErrorCode { get; }

    public string? RequestId { get; }
}
