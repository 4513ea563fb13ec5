namespace CrmRecording.Service.Telemetry;

/// <summary>
/// Sits in a remote's HTTP pipeline (below the client's own retries, so every attempt is seen) and counts its failed
/// answers: each 4xx/5xx by status, no answer as status 0, and 429/503 or Salesforce's 403 <c>REQUEST_LIMIT_EXCEEDED</c>
/// as throttling. Requests and responses go on unchanged.
/// </summary>
internal sealed class RemoteFailureCounter(CrmRecordingTelemetry telemetry, string remote) : DelegatingHandler
{
    private const string SalesforceLimit = "REQUEST_LIMIT_EXCEEDED";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            telemetry.RemoteFailed(remote, 0);
            throw;
        }

        var status = (int)response.StatusCode;
        if (status < 400)
        {
            return response;
        }

        telemetry.RemoteFailed(remote, status);
        if (status == 403)
        {
            // A refusal body is small; buffered, the client still reads it whole.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            if ((await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Contains(SalesforceLimit, StringComparison.Ordinal))
            {
                telemetry.RemoteLimited(remote, status);
            }
        }

        return response;
    }
}
