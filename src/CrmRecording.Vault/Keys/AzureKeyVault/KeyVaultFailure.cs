using System.Text.Json;
using Azure;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>
/// What went wrong in a Key Vault call, read from what the SDK threw: the vault's answer (status, <c>error.code</c>,
/// <c>error.innererror.code</c>, <c>x-ms-request-id</c>), no answer at all, no token, or an answer that could not be
/// used. Never carries tokens, request bodies or key material.
/// </summary>
internal sealed record KeyVaultFailure(string Message, int? Status = null, string? Code = null, string? InnerCode = null, string? RequestId = null, Exception? Transport = null)
{
    /// <summary>The failure <paramref name="exception"/> reports, or null when it is not one (a cancellation, a bug).</summary>
    public static KeyVaultFailure? From(Exception exception, Uri vault, AzureKeyVaultKeyWrapperOptions options) => exception switch
    {
        RequestFailedException { Status: 0 } failed => new($"{vault.Host} could not be reached: {Reason(failed.InnerException)}.", Transport: failed.InnerException),
        RequestFailedException failed => Answered(failed, options),
        AggregateException { InnerExceptions: [.., RequestFailedException last] } all when all.InnerExceptions.All(e => e is RequestFailedException) =>
            From(last, vault, options) is { } final ? final with { Message = $"{final.Message} (after {all.InnerExceptions.Count - 1} retries)" } : null,
        CredentialFailedException noToken => new(noToken.Message),
        InvalidOperationException when exception.Message.Contains("challenge", StringComparison.OrdinalIgnoreCase) =>
            new($"Key Vault's 401 challenge could not be followed: {exception.Message}", Status: 401),
        FormatException =>
            new("Key Vault answered 200, but a value in its body is not base64url.", Status: 200),
        JsonException or InvalidOperationException =>
            new($"Key Vault answered 200, but its body is not a JSON KeyOperationResult the client can read ({exception.GetType().Name}).", Status: 200),
        _ => null,
    };

    private static KeyVaultFailure Answered(RequestFailedException failed, AzureKeyVaultKeyWrapperOptions options)
    {
        var response = failed.GetRawResponse();
        var (message, innerCode) = ErrorBody(response);
        var code = string.IsNullOrEmpty(failed.ErrorCode) ? null : failed.ErrorCode;
        var retryAfter = response is null ? null : BoundedRetryPolicy.RetryAfter(response);
        var retried = failed.Status is 408 or 429 or 500 or 502 or 503 or 504 && !(retryAfter > options.MaxRetryDelay) && options.MaxRetries > 0;
        var text = $"Key Vault answered {failed.Status} {response?.ReasonPhrase}".TrimEnd()
            + (code is null ? "" : $" ({code}{(innerCode is null ? "" : "/" + innerCode)})")
            + (retried ? $" after {options.MaxRetries} retries" : "")
            + (retryAfter is { } wait ? $", asking to wait {wait.TotalSeconds:0} s" : "")
            + (message is { Length: > 0 } said ? $": \"{Truncate(said.ReplaceLineEndings(" "))}\"" : ".")
            + (failed.Status == 401 && Authority(response) is { } authority ? $" The vault's challenge names the authority {authority}." : "");
        return new KeyVaultFailure(text, failed.Status, code, innerCode, response?.Headers.RequestId);
    }

    /// <summary><c>error.message</c> and <c>error.innererror.code</c> of Key Vault's <c>KeyVaultError</c> body; gateways answer with HTML, which has neither.</summary>
    private static (string? Message, string? InnerCode) ErrorBody(Response? response)
    {
        try
        {
            using var json = JsonDocument.Parse(response?.Content ?? BinaryData.Empty);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var inner = error.TryGetProperty("innererror", out var i) && i.ValueKind == JsonValueKind.Object && i.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
            return (message, inner);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The <c>authorization</c> (or <c>authorization_uri</c>) parameter of a <c>WWW-Authenticate: Bearer</c> challenge.</summary>
    private static string? Authority(Response? response)
    {
        if (response is null || !response.Headers.TryGetValue("WWW-Authenticate", out var challenge))
        {
            return null;
        }

        foreach (var name in new[] { "authorization=\"", "authorization_uri=\"" })
        {
            var start = challenge.IndexOf(name, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                start += name.Length;
                var end = challenge.IndexOf('"', start);
                return end > start ? challenge[start..end] : null;
            }
        }

        return null;
    }

    private static string Reason(Exception? transport) => transport switch
    {
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => error.ToString(),
        null => "no answer",
        _ => transport.Message,
    };

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
