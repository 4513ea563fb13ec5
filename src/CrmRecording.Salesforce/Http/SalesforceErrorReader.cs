using System.Net;
using System.Text.Json;
using CrmRecording.Salesforce.Records;

namespace CrmRecording.Salesforce.Http;

/// <summary>
/// Turns a failed response into a <see cref="SalesforceException"/>: the REST error array
/// (<c>[{"message","errorCode","fields"}]</c>), an OAuth error object, or the quoted body; and decides whether
/// the org asked to come back later (503/502/504/429, or 403 REQUEST_LIMIT_EXCEEDED) and after how long.
/// </summary>
internal static class SalesforceErrorReader
{
    public const string InvalidSession = "INVALID_SESSION_ID";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
    private const int MaxQuotedBody = 300;

    public static async Task<SalesforceException> ReadAsync(HttpResponseMessage response, SalesforceClientOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message, fields) = Parse(body);
        message ??= body.Length == 0
            ? $"{status} {response.ReasonPhrase}"
            : $"{status} {response.ReasonPhrase}: {(body.Length > MaxQuotedBody ? body[..MaxQuotedBody] + "..." : body)}";
        return new SalesforceException(status, code, message, fields, RetryAfter(response, code, message, options, time));
    }

    /// <summary>The SaveResult errors of a collection item or a create: <c>[{"statusCode"|"errorCode","message","fields"}]</c>.</summary>
    public static IReadOnlyList<SaveError> Errors(JsonElement errors) =>
        errors.ValueKind == JsonValueKind.Array ? [.. errors.EnumerateArray().Select(ReadError)] : [];

    private static TimeSpan? RetryAfter(HttpResponseMessage response, string? code, string message, SalesforceClientOptions options, TimeProvider time)
    {
        var header = response.Headers.RetryAfter is { } h ? h.Delta ?? (h.Date is { } date ? date - time.GetUtcNow() : null) : null;
        if (header is { } wait && wait < TimeSpan.Zero)
        {
            header = TimeSpan.Zero;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests => header ?? options.UnavailableRetryDelay,
            HttpStatusCode.Forbidden when code == RequestLimitExceeded => header ?? (message.Contains("Concurrent", StringComparison.OrdinalIgnoreCase)
                ? options.ConcurrencyLimitRetryDelay
                : options.DailyLimitRetryDelay),
            _ => null,
        };
    }

    private static (string? Code, string? Message, IReadOnlyList<string>? Fields) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                // Salesforce may list several errors; the first names the cause, the others are kept in the message.
                var errors = Errors(root);
                var message = string.Join(" | ", errors.Select(e => e.Message));
                return (errors[0].Code, message, errors[0].Fields);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return (error.GetString(), description ?? error.GetString(), null);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a gateway's HTML page, say): the caller quotes the body instead.
        }

        return (null, null, null);
    }

    private static SaveError ReadError(JsonElement error)
    {
        string? Text(string name) => error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var fields = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
        return new SaveError(Text("errorCode") ?? Text("statusCode"), Text("message") ?? "(no message)", fields);
    }
}
