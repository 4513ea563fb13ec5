using System.Text.Json;

namespace CrmRecording.Dataverse.Http;

/// <summary>Turns a failed response into a <see cref="DataverseException"/>: <c>{"error":{"code","message"}}</c> plus the request id header.</summary>
internal static class DataverseErrorReader
{
    private const int MaxQuotedBody = 300;

    public static async Task<DataverseException> ReadAsync(HttpResponseMessage response, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var requestId = RequestId(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = Parse(body);
        message ??= body.Length == 0
            ? $"{status} {response.ReasonPhrase}"
            : $"{status} {response.ReasonPhrase}: {(body.Length > MaxQuotedBody ? body[..MaxQuotedBody] + "..." : body)}";
        return new DataverseException(status, code, message, requestId, retryAfter);
    }

    public static string? RequestId(HttpResponseMessage response)
    {
        foreach (var name in (string[])["REQ_ID", "x-ms-service-request-id"])
        {
            if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>The <c>code</c> and <c>message</c> of Dataverse's <c>{"error":{…}}</c> body; nulls for any other body.</summary>
    internal static (string? Code, string? Message) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } s ? s : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a gateway's HTML page, say): the caller quotes the body instead.
        }

        return (null, null);
    }
}
