using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Recordings as block blobs in one Azure Blob Storage container, through the Azure.Storage.Blobs client. Uploads
/// stage blocks in parallel and commit atomically without ever overwriting; reads are ranged streaming downloads;
/// transient failures are retried by the client's pipeline.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly AzureBlobStoreOptions _options;
    private readonly BlobContainerClient _container;
    private volatile bool _containerExists;

    /// <param name="http">A typed client (from <c>IHttpClientFactory</c>), the SDK's transport; its timeout bounds each request, including one block's upload.</param>
    /// <param name="time">Kept for the callers' composition; the SDK's pipeline keeps its own clock for tokens and retries.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each bad option.</exception>
    public AzureBlobStore(HttpClient http, AzureBlobStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        // A copy, so changing the options object later cannot change a store in use.
        _options = new AzureBlobStoreOptions
        {
            ServiceUri = options.ServiceUri,
            Container = options.Container,
            AccountName = options.AccountName,
            AccountKey = options.AccountKey,
            SasToken = options.SasToken,
            Credential = options.Credential,
            BlockSize = options.BlockSize,
            MaxConcurrentBlocks = options.MaxConcurrentBlocks,
            CreateContainerIfMissing = options.CreateContainerIfMissing,
            MaxRetries = options.MaxRetries,
            RetryDelay = options.RetryDelay,
            ListPageSize = options.ListPageSize,
        };
        var problems = _options.Validate(new ValidationContext(_options)).Select(result => result.ErrorMessage).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _container = Container(http, _options);
    }

    public async Task<IBlobUpload> BeginUploadAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(name);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return new AzureBlobUpload(blob, _options, name);
    }

    public async Task<long> GetLengthAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ContentLength;
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            throw Failure(ex, name, "get the length of");
        }
    }

    public async Task<DateTimeOffset> GetLastModifiedAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.LastModified;
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            throw Failure(ex, name, "read the last-modified time of");
        }
    }

    public async Task<int> ReadAsync(string name, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (buffer.IsEmpty)
        {
            // Nothing to read, but a missing blob must still be reported.
            await GetLengthAsync(name, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var blob = Blob(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, buffer.Length) }, cancellationToken).ConfigureAwait(false);
            using var result = download.Value;

            // The SDK's content stream resumes the range by itself if the connection drops part-way.
            return await result.Content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureBlobFailure.Is(ex, 416))
        {
            // The range starts at or past the end (or the blob is empty): nothing to read.
            return 0;
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            throw Failure(ex, name, "read");
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not DeleteIfExists: it also answers false when the container is missing, which is a misconfiguration to report.
            await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (AzureBlobFailure.Read(ex) is { Status: 404, Code: "BlobNotFound" })
        {
            return false;
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            throw AzureBlobFailure.ToException(ex, $"delete blob '{name}' in container '{_options.Container}'", _options);
        }
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions(), cancellationToken).AsPages(pageSizeHint: _options.ListPageSize).GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (await NextPageAsync(pages).ConfigureAwait(false))
            {
                foreach (var blob in pages.Current.Values)
                {
                    yield return blob.Name;
                }
            }
        }
    }

    private async Task<bool> NextPageAsync(IAsyncEnumerator<Page<BlobItem>> pages)
    {
        try
        {
            return await pages.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            throw AzureBlobFailure.ToException(ex, $"list the blobs in container '{_options.Container}'", _options);
        }
    }

    /// <summary>Create Container once per store when asked to; concurrent first calls may both send it, which is harmless.</summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_options.CreateContainerIfMissing || _containerExists || IsServiceSas(_options.SasToken))
        {
            return;
        }

        try
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            throw AzureBlobFailure.ToException(ex, $"create container '{_options.Container}'", _options);
        }

        _containerExists = true;
    }

    /// <summary>
    /// A service SAS (one naming its resource with <c>sr=</c>, e.g. a container's) cannot create a container, only an
    /// account SAS can: Create Container is not tried with one (it would be refused with 403), the container is its owner's.
    /// </summary>
    private static bool IsServiceSas(string? sasToken) =>
        !string.IsNullOrEmpty(sasToken) && sasToken.TrimStart('?').Split('&').Any(pair => pair.StartsWith("sr=", StringComparison.Ordinal));

    /// <summary>Maps 404 BlobNotFound (or a bare 404 to HEAD, which has no body) to <see cref="BlobNotFoundException"/>.</summary>
    private Exception Failure(Exception exception, string name, string verb) =>
        AzureBlobFailure.IsBlobNotFound(exception)
            ? new BlobNotFoundException(name)
            : AzureBlobFailure.ToException(exception, $"{verb} blob '{name}' in container '{_options.Container}'", _options);

    /// <summary>
    /// The blob's client. Names are our argument to check: empty names, names over the service's 1024 characters, and
    /// "." or ".." segments (which URI normalization would silently resolve to another blob) are refused.
    /// </summary>
    private BlockBlobClient Blob(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 1024 || name.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a usable blob name: 1-1024 characters, without empty, '.' or '..' path segments.", nameof(name));
        }

        return _container.GetBlockBlobClient(name);
    }

    private static BlobContainerClient Container(HttpClient http, AzureBlobStoreOptions options)
    {
        var clientOptions = new BlobClientOptions { Transport = new HttpClientTransport(http) };
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = TimeSpan.FromMinutes(1);

        // The SDK's own request timeout (100 s by default) would cut a slow block short of the typed client's.
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            clientOptions.Retry.NetworkTimeout = http.Timeout;
        }
        var uri = new Uri($"{options.ServiceUri!.AbsoluteUri.TrimEnd('/')}/{options.Container}");
        if (!string.IsNullOrEmpty(options.AccountKey))
        {
            return new BlobContainerClient(uri, new StorageSharedKeyCredential(options.AccountName, options.AccountKey), clientOptions);
        }

        return string.IsNullOrEmpty(options.SasToken)
            ? new BlobContainerClient(uri, options.Credential!, clientOptions)
            : new BlobContainerClient(uri, new AzureSasCredential(options.SasToken.TrimStart('?')), clientOptions);
    }
}
