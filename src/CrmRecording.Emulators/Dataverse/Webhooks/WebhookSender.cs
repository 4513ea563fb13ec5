using System.Net;
using System.Text;
using CrmRecording.Emulators.Dataverse.Journal;

namespace CrmRecording.Emulators.Dataverse.Webhooks;

/// <summary>
/// Posts a webhook request the way Dataverse does: waits up to the timeout (60 s), counts any non-2xx as a
/// failure, and makes exactly one more attempt when the answer is 502, 503 or 504.
/// </summary>
internal sealed class WebhookSender(HttpClient client, TimeSpan timeout)
{
    private const int MaxResponseCharacters = 16 * 1024;

    public async Task<IReadOnlyList<WebhookAttempt>> SendAsync(
        Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string body, CancellationToken cancellationToken)
    {
        var attempts = new List<WebhookAttempt>();
        var first = await SendOnceAsync(url, headers, body, cancellationToken).ConfigureAwait(false);
        attempts.Add(first);
        if (first.StatusCode is (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout)
        {
            attempts.Add(await SendOnceAsync(url, headers, body, cancellationToken).ConfigureAwait(false));
        }

        return attempts;
    }

    private async Task<WebhookAttempt> SendOnceAsync(
        Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return new WebhookAttempt((int)response.StatusCode, text.Length > MaxResponseCharacters ? text[..MaxResponseCharacters] : text, null);
        }
        catch (HttpRequestException exception)
        {
            return new WebhookAttempt(null, string.Empty, $"The endpoint could not be reached: {exception.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, string.Empty, $"The endpoint did not answer within {timeout.TotalSeconds:0} seconds.");
        }
    }
}
