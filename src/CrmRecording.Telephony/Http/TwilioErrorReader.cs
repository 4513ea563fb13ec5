using System.Text.Json;

namespace CrmRecording.Telephony.Http;

/// <summary>Turns a failed response into a <see cref="TwilioException"/>: <c>{"code","message","more_info","status","details"}</c> plus the request id.</summary>
internal static class TwilioErrorReader
{
    private const int MaxQuotedBody = 300;

    public static async Task<TwilioException> ReadAsync(HttpResponseMessage response, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message, moreInfo) = Parse(body);
        message ??= body.Length == 0
            ? $"{status} {response.ReasonPhrase}"
            : $"{status} {response.ReasonPhrase}: {(body.Length > MaxQuotedBody ? body[..MaxQuotedBody] + "..." : body)}";
        return new TwilioException(status, code, message, moreInfo, RequestId(response), retryAfter);
    }

    public static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Twilio-Request-Id", out var values) && values.FirstOrDefault() is { Length: > 0 } id ? id : null;

    private static (int? Code, string? Message, string? MoreInfo) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
                var moreInfo = root.TryGetProperty("more_info", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                return (code, m.GetString(), moreInfo);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the caller quotes the body instead.
        }

        return (null, null, null);
    }
}
