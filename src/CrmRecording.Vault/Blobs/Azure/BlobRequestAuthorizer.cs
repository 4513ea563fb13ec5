namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Adds the <c>Authorization</c> header to a Blob service request. Runs last, once every other header
/// (<c>x-ms-date</c>, <c>x-ms-version</c>, conditions, content) is final, because Shared Key signs them.
/// </summary>
internal abstract class BlobRequestAuthorizer
{
    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>The authorizer the (validated) options ask for.</summary>
    public static BlobRequestAuthorizer For(AzureBlobStoreOptions options, TimeProvider time) =>
        options.Credential is { } credential
            ? new BearerTokenAuthorizer(credential, time)
            : new SharedKeySigner(options.AccountName!, Convert.FromBase64String(options.AccountKey!));
}
