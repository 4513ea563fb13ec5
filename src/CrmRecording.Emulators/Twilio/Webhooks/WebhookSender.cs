using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using CrmRecording.Emulators.Twilio.Journal;
using CrmRecording.Emulators.Twilio.Signing;

namespace CrmRecording.Emulators.Twilio.Webhooks;

/// <summary>
/// Sends webhooks the way Twilio does (https://www.twilio.com/docs/usage/webhooks/webhooks-overview,
/// https://www.twilio.com/docs/usage/security): POST with a form body (or GET with the parameters in the query),
/// <c>User-Agent: TwilioProxy/1.1</c>, an <c>I-Twilio-Idempotency-Token</c> and <c>X-Twilio-Signature</c>. A non-2xx
/// answer, no answer within the timeout or no connection is error 11200 (HTTP retrieval failure); a URL that is not
/// absolute http(s) is 11100. Every attempt is journaled.
/// </summary>
internal sealed class WebhookSender(HttpClient client, TwilioStandInOptions options, WebhookJournal journal)
{
    public const int RetrievalFailure = 11200;
    public const int InvalidUrl = 11100;
    private const int MaxBodyCharacters = 64 * 1024;

    public async Task<WebhookResult> SendAsync(
        WebhookKind kind, string callSid, string url, string method, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var requestUrl = isGet ? WithQuery(url, parameters) : url;
        var signature = TwilioSignature.Compute(options.AuthToken, requestUrl, isGet ? [] : parameters);
        if (!Uri.TryCreate(requestUrl, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            Journal(kind, method, requestUrl, callSid, parameters, signature, null, string.Empty, InvalidUrl, "The URL is not an absolute http(s) URL.");
            return new WebhookResult(null, string.Empty, InvalidUrl);
        }

        using var request = new HttpRequestMessage(isGet ? HttpMethod.Get : HttpMethod.Post, target);
        if (!isGet)
        {
            request.Content = new FormUrlEncodedContent(parameters);
        }

        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TwilioProxy", "1.1"));
        request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName, signature);
        request.Headers.TryAddWithoutValidation("I-Twilio-Idempotency-Token", Guid.NewGuid().ToString("D"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.WebhookTimeout);
        try
        {
            using var response = await client.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            body = body.Length > MaxBodyCharacters ? body[..MaxBodyCharacters] : body;
            var status = (int)response.StatusCode;
            var ok = status is >= 200 and < 300;
            Journal(kind, method, requestUrl, callSid, parameters, signature, status, body, ok ? null : RetrievalFailure, ok ? null : $"The application answered {status}.");
            return new WebhookResult(target, body, ok ? null : RetrievalFailure);
        }
        catch (HttpRequestException exception)
        {
            Journal(kind, method, requestUrl, callSid, parameters, signature, null, string.Empty, RetrievalFailure, $"The application could not be reached: {exception.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Journal(kind, method, requestUrl, callSid, parameters, signature, null, string.Empty, RetrievalFailure, $"The application did not answer within {options.WebhookTimeout.TotalSeconds:0.#} seconds.");
        }

        return new WebhookResult(target, string.Empty, RetrievalFailure);
    }

    /// <summary>Records that a fetched document did not parse (12100), against the request that fetched it.</summary>
    public void ReportParseFailure(WebhookKind kind, string callSid, Uri url, string body, string reason) =>
        journal.Add(new WebhookRecord(kind, "POST", url.OriginalString, callSid, [], string.Empty, 200, body, 12100, "Document parse failure: " + reason));

    private static string WithQuery(string url, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return url;
        }

        var query = new StringBuilder(url).Append(url.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        query.AppendJoin('&', parameters.Select(p => UrlEncoder.Default.Encode(p.Key) + "=" + UrlEncoder.Default.Encode(p.Value)));
        return query.ToString();
    }

    private void Journal(
        WebhookKind kind, string method, string url, string callSid, IReadOnlyList<KeyValuePair<string, string>> parameters, string signature,
        int? status, string body, int? errorCode, string? failure) =>
        journal.Add(new WebhookRecord(kind, method.ToUpperInvariant(), url, callSid, parameters, signature, status, body, errorCode, failure));
}
