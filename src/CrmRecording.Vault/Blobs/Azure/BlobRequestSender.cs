using System.Globalization;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Sends one Blob REST request: stamps <c>x-ms-date</c> (from the time provider) and <c>x-ms-version</c>,
/// authorizes it, and turns a failure to reach the service into a <see cref="BlobStoreException"/> naming
/// the endpoint (never a key or token).
/// </summary>
internal sealed class BlobRequestSender(HttpClient http, BlobRequestAuthorizer authorizer, TimeProvider time, Uri serviceUri)
{
    /// <summary>A version every Azure region and Azurite 3.x accept; 2017-11-09 or later is needed for bearer tokens.</summary>
    public const string ApiVersion = "2021-12-02";

    /// <summary>The endpoint as configured, for messages; it carries no secret (query strings are refused by validation).</summary>
    public Uri ServiceUri { get; } = serviceUri;

    /// <summary>The caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("x-ms-date", time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("x-ms-version", ApiVersion);
        await authorizer.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new BlobStoreException(
                $"Azure Blob Storage at {ServiceUri} could not be reached: {ex.Message}. Check that the service is running and reachable from this host (DNS, firewall, proxy) and that ServiceUri is right.",
                inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BlobStoreException(
                $"Azure Blob Storage at {ServiceUri} did not answer within the HTTP client's timeout ({http.Timeout}). Check that the service is reachable, or raise the timeout for large blocks.",
                inner: ex);
        }
    }
}
