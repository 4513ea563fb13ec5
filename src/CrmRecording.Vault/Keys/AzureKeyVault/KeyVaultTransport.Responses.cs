using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>Reading what Key Vault answered: the result on success, the <c>KeyVaultError</c> otherwise.</summary>
internal sealed partial class KeyVaultTransport
{
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
        where T : class
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, responseType)
                ?? throw new JsonException("The body is the JSON literal null.");
        }
        catch (JsonException ex)
        {
            // The body of a successful wrap or unwrap holds key material: it is never quoted.
            throw new KeyVaultRequestFailedException(
                $"Key Vault answered {(int)response.StatusCode} with a body that is not a JSON {responseType.Type.Name} ({body.Length} bytes).",
                (int)response.StatusCode,
                requestId: RequestId(response),
                inner: ex);
        }
    }

    private static async Task<KeyVaultRequestFailedException> FailureAsync(HttpResponseMessage response, int retries, CancellationToken cancellationToken)
    {
        var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var message = $"Key Vault answered {status} {response.ReasonPhrase}"
            + (error?.Code is { } code ? $" ({code}{(error.InnerError?.Code is { } inner ? "/" + inner : "")})" : "")
            + (retries > 0 ? $" after {retries} retries" : "")
            + (response.Headers.RetryAfter?.Delta is { } wait ? $", asking to wait {wait.TotalSeconds:0} s" : "")
            + (error?.Message is { Length: > 0 } said ? $": \"{Truncate(said.ReplaceLineEndings(" "))}\"" : ".")
            + (response.StatusCode == HttpStatusCode.Unauthorized && BearerChallenge.From(response.Headers)?.Authority is { } authority
                ? $" The vault's challenge names the authority {authority}."
                : "");
        return new KeyVaultRequestFailedException(message, status, error?.Code, error?.InnerError?.Code, RequestId(response));
    }

    private static async Task<KeyVaultError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, KeyVaultJsonContext.Default.KeyVaultErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            // Gateways and proxies answer with HTML; the status alone then has to do.
            return null;
        }
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-request-id", out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
