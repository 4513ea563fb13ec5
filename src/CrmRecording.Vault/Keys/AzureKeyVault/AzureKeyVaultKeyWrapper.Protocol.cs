using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CrmRecording.Vault.Keys.AzureKeyVault;

/// <summary>The wrapkey/unwrapkey wire format (base64url without padding) and the mapping of failures to the port's exception.</summary>
public sealed partial class AzureKeyVaultKeyWrapper
{
    private async Task<T> CallAsync<T>(string operation, string keyId, string algorithm, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (KeyVaultRequestFailedException ex)
        {
            throw new KeyUnavailableException(keyId, KeyVaultFailureAdvice.Describe(operation, keyId, algorithm, _managedHsm, ex), ex);
        }
    }

    private static byte[] RequestBody(string algorithm, ReadOnlySpan<byte> value) =>
        JsonSerializer.SerializeToUtf8Bytes(new KeyOperationRequest(algorithm, Base64Url.EncodeToString(value)), KeyVaultJsonContext.Default.KeyOperationRequest);

    private static HttpRequestMessage Post(Uri uri, byte[] body) =>
        new(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } } };

    private static byte[] Decode(string? value, string operation)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Malformed(operation, "its value is missing");
        }

        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException ex)
        {
            throw Malformed(operation, "its value is not base64url", ex);
        }
    }

    // The body of a wrap or unwrap result holds key material: the message says what is wrong, never what is there.
    private static KeyVaultRequestFailedException Malformed(string operation, string problem, Exception? inner = null) =>
        new($"Key Vault answered {operation} with 200, but {problem}.", 200, inner: inner);
}
