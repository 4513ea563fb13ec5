using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Runtime.CompilerServices;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// Recordings as block blobs in one Azure Blob Storage container, over the Blob REST API
/// (<c>x-ms-version</c> <see cref="BlobRequestSender.ApiVersion"/>). Uploads commit atomically and never
/// overwrite; reads are ranged Get Blob calls.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly AzureBlobStoreOptions _options;
    private readonly BlobRequestSender _sender;
    private readonly string _containerUri;
    private volatile bool _containerExists;

    /// <param name="http">A typed client (from <c>IHttpClientFactory</c>); its timeout bounds each request, including one block's upload.</param>
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
            Credential = options.Credential,
            BlockSize = options.BlockSize,
            MaxConcurrentBlocks = options.MaxConcurrentBlocks,
            CreateContainerIfMissing = options.CreateContainerIfMissing,
            ListPageSize = options.ListPageSize,
        };
        var problems = _options.Validate(new ValidationContext(_options)).Select(result => result.ErrorMessage).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var serviceUri = _options.ServiceUri!;
        _sender = new BlobRequestSender(http, BlobRequestAuthorizer.For(_options, time), time, serviceUri);
        _containerUri = $"{serviceUri.AbsoluteUri.TrimEnd('/')}/{_options.Container}";
    }

    public async Task<IBlobUpload> BeginUploadAsync(string name, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(name);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return new AzureBlobUpload(_sender, _options, name, uri);
    }

    public async Task<long> GetLengthAsync(string name, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Head, uri);
        using var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return response.Content.Headers.ContentLength
                ?? throw new BlobStoreException($"Azure Blob Storage answered Get Blob Properties for blob '{name}' without a Content-Length; check that ServiceUri points at a blob service.", (int)response.StatusCode);
        }

        throw await FailureAsync(response, name, "get the length of", cancellationToken).ConfigureAwait(false);
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

        var uri = BlobUri(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("x-ms-range", $"bytes={offset}-{checked(offset + buffer.Length - 1)}");
        using var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    return await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }

            case HttpStatusCode.RequestedRangeNotSatisfiable:
                // The range starts at or past the end (or the blob is empty): nothing to read.
                return 0;
            default:
                throw await FailureAsync(response, name, "read", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Delete, uri);
        using var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return true;
        }

        var error = await BlobServiceError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return error is { Status: 404, Code: "BlobNotFound" }
            ? false
            : throw error.ToException($"delete blob '{name}' in container '{_options.Container}'", _options);
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        string? marker = null;
        do
        {
            var page = await ListPageAsync(marker, cancellationToken).ConfigureAwait(false);
            foreach (var name in page.Names)
            {
                yield return name;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    private async Task<BlobListPage> ListPageAsync(string? marker, CancellationToken cancellationToken)
    {
        var query = $"?restype=container&comp=list&maxresults={_options.ListPageSize}";
        if (marker is not null)
        {
            query += $"&marker={Uri.EscapeDataString(marker)}";
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_containerUri + query));
        using var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var error = await BlobServiceError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            throw error.ToException($"list the blobs in container '{_options.Container}'", _options);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await BlobListPage.ReadAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Create Container once per store when asked to; concurrent first calls may both send it, which is harmless.</summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_options.CreateContainerIfMissing || _containerExists)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_containerUri + "?restype=container"));
        using var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var error = await BlobServiceError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (!error.Is("ContainerAlreadyExists"))
            {
                throw error.ToException($"create container '{_options.Container}'", _options);
            }
        }

        _containerExists = true;
    }

    /// <summary>Maps 404 BlobNotFound (or a bare 404 to HEAD, which has no body) to <see cref="BlobNotFoundException"/>.</summary>
    private async Task<Exception> FailureAsync(HttpResponseMessage response, string name, string verb, CancellationToken cancellationToken)
    {
        var error = await BlobServiceError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return error is { Status: 404, Code: "BlobNotFound" or null }
            ? new BlobNotFoundException(name)
            : error.ToException($"{verb} blob '{name}' in container '{_options.Container}'", _options);
    }

    /// <summary>
    /// The blob's URI, each '/'-separated segment escaped. Names are our argument to check: empty names,
    /// names over the service's 1024 characters, and "." or ".." segments (which URI normalization would
    /// silently resolve to another blob) are refused.
    /// </summary>
    private Uri BlobUri(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var segments = name.Split('/');
        if (name.Length > 1024 || segments.Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a usable blob name: 1-1024 characters, without empty, '.' or '..' path segments.", nameof(name));
        }

        return new Uri($"{_containerUri}/{string.Join('/', segments.Select(Uri.EscapeDataString))}");
    }
}
