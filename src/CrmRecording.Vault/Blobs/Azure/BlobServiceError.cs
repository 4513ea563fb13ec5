using System.Xml;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// What the Blob service said when it refused a request: the status, the error code (the
/// <c>x-ms-error-code</c> header, or <c>&lt;Error&gt;&lt;Code&gt;</c> in the body) and <c>x-ms-request-id</c>.
/// The service's free-text message is not kept: for authentication failures it quotes the request's signature.
/// </summary>
internal sealed record BlobServiceError(int Status, string? Code, string? RequestId)
{
    public static async Task<BlobServiceError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = Header(response, "x-ms-error-code") ?? await CodeFromBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return new BlobServiceError((int)response.StatusCode, code, Header(response, "x-ms-request-id"));
    }

    public bool Is(string code) => string.Equals(Code, code, StringComparison.Ordinal);

    /// <param name="attempted">What was being done, completing "could not ...", e.g. "read blob 'x' in container 'y'".</param>
    public BlobStoreException ToException(string attempted, AzureBlobStoreOptions options) =>
        ToException(attempted, Advice(options));

    public BlobStoreException ToException(string attempted, string advice)
    {
        var code = Code is null ? "" : $" {Code}";
        var requestId = RequestId is null ? "" : $", request id {RequestId}";
        return new BlobStoreException($"Azure Blob Storage could not {attempted}: HTTP {Status}{code}{requestId}. {advice}", Status, Code, RequestId);
    }

    private string Advice(AzureBlobStoreOptions options) => (Status, Code) switch
    {
        (401 or 403, _) when options.Credential is null =>
            $"Check AccountName '{options.AccountName}' and AccountKey (copy key1 or key2 from the storage account's access keys), and that this machine's clock is right: x-ms-date must be within 15 minutes of the service's.",
        (401 or 403, _) =>
            $"Check that the credential's identity has the 'Storage Blob Data Contributor' role on container '{options.Container}' and that the storage account allows its network.",
        (404, "ContainerNotFound") =>
            $"Container '{options.Container}' does not exist: create it, or set CreateContainerIfMissing.",
        (400, _) =>
            $"The service found the request malformed; check the blob name, and that the service accepts x-ms-version {BlobRequestSender.ApiVersion}.",
        (408 or 500 or 503, _) =>
            "The service is busy or unavailable; try again later.",
        _ => $"Check the storage account at {options.ServiceUri} and the service's status.",
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) && string.Join(',', values) is { Length: > 0 } value ? value : null;

    private static async Task<string?> CodeFromBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is 0)
        {
            return null;
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var document = await BlobXml.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
                return document.Root?.Element("Code")?.Value is { Length: > 0 } code ? code : null;
            }
        }
        catch (XmlException)
        {
            // A proxy or gateway answered with something other than the service's XML; the status still tells.
            return null;
        }
    }
}
