using Azure;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// What the Blob service (or the way to it) said when a call failed, read from the SDK's
/// <see cref="RequestFailedException"/>: the status (0 when no answer came), the error code and <c>x-ms-request-id</c>.
/// After the SDK's retries run out it throws an <see cref="AggregateException"/> of every attempt; the last one
/// tells. The SDK's own message is not kept: for authentication failures it quotes the service's string to sign.
/// </summary>
internal sealed record AzureBlobFailure(int Status, string? Code, string? RequestId, Exception? Transport)
{
    /// <summary>Whether <paramref name="exception"/> is the SDK reporting a failed request (and not a cancellation or a bug).</summary>
    public static bool IsRequestFailure(Exception exception) => Read(exception) is not null;

    /// <summary>404 BlobNotFound, or a bare 404 (a HEAD answer has no body; the code is in a header the service may omit).</summary>
    public static bool IsBlobNotFound(Exception exception) =>
        Read(exception) is { Status: 404, Code: "BlobNotFound" or null };

    public static bool Is(Exception exception, int status) => Read(exception)?.Status == status;

    /// <param name="attempted">What was being done, completing "could not ...", e.g. "read blob 'x' in container 'y'".</param>
    public static BlobStoreException ToException(Exception exception, string attempted, AzureBlobStoreOptions options) =>
        Read(exception) is { } failure
            ? failure.ToException(attempted, failure.Advice(options), options)
            : throw new ArgumentException("Not a failed Blob service request.", nameof(exception), exception);

    public static BlobStoreException ToException(Exception exception, string attempted, string advice, AzureBlobStoreOptions options) =>
        Read(exception) is { } failure
            ? failure.ToException(attempted, advice, options)
            : throw new ArgumentException("Not a failed Blob service request.", nameof(exception), exception);

    private BlobStoreException ToException(string attempted, string advice, AzureBlobStoreOptions options)
    {
        if (Status == 0)
        {
            // No answer: the endpoint is what to check, and the transport's exception says why (refused, DNS, TLS...).
            return new BlobStoreException(
                $"Azure Blob Storage at {options.ServiceUri} could not be reached to {attempted}: {Transport?.Message ?? "no answer"}. Check ServiceUri, DNS and the network path (firewall, private endpoint, proxy).",
                inner: Transport);
        }

        var code = Code is null ? "" : $" {Code}";
        var requestId = RequestId is null ? "" : $", request id {RequestId}";
        return new BlobStoreException($"Azure Blob Storage could not {attempted}: HTTP {Status}{code}{requestId}. {advice}", Status, Code, RequestId);
    }

    private string Advice(AzureBlobStoreOptions options) => (Status, Code) switch
    {
        (401 or 403, _) when !string.IsNullOrEmpty(options.AccountKey) =>
            $"Check AccountName '{options.AccountName}' and AccountKey (copy key1 or key2 from the storage account's access keys), and that this machine's clock is right: requests must be dated within 15 minutes of the service's.",
        (401 or 403, _) when !string.IsNullOrEmpty(options.SasToken) =>
            $"Check that SasToken has not expired and allows read, add, create, write, delete and list on container '{options.Container}'.",
        (401 or 403, _) =>
            $"Check that the credential's identity has the 'Storage Blob Data Contributor' role on container '{options.Container}' and that the storage account allows its network.",
        (404, "ContainerNotFound") =>
            $"Container '{options.Container}' does not exist: create it, or set CreateContainerIfMissing.",
        (400, _) =>
            "The service found the request malformed; check the blob name and that ServiceUri points at a blob service.",
        (408 or 429 or 500 or 502 or 503 or 504, _) =>
            $"The service is busy or unavailable, and stayed so through {(options.MaxRetries == 1 ? "1 retry" : $"{options.MaxRetries} retries")}; try again later.",
        _ => $"Check the storage account at {options.ServiceUri} and the service's status.",
    };

    public static AzureBlobFailure? Read(Exception exception) => exception switch
    {
        RequestFailedException failed => new AzureBlobFailure(
            failed.Status,
            string.IsNullOrEmpty(failed.ErrorCode) ? null : failed.ErrorCode,
            failed.GetRawResponse()?.Headers.RequestId,
            failed.Status == 0 ? failed.InnerException : null),
        AggregateException { InnerExceptions: [.., var last] } all when all.InnerExceptions.All(inner => inner is RequestFailedException) => Read(last),
        _ => null,
    };
}
