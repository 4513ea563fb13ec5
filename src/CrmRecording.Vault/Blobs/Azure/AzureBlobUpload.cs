using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// A block blob being written: writes fill blocks of <see cref="AzureBlobStoreOptions.BlockSize"/>, each sent
/// with Put Block while the next fills, at most <see cref="AzureBlobStoreOptions.MaxConcurrentBlocks"/> at once.
/// Commit sends Put Block List with <c>If-None-Match: *</c>, so the blob appears whole and never replaces one.
/// Uncommitted blocks are invisible and the service discards them (after a week), so abandoning costs nothing.
/// A block's request is cancelled by the token of the write (or commit) that filled it, or by disposal; a
/// failed or cancelled block fails the next write or the commit, and the upload cannot be committed after that.
/// </summary>
internal sealed class AzureBlobUpload : IBlobUpload
{
    private readonly BlobRequestSender _sender;
    private readonly AzureBlobStoreOptions _options;
    private readonly string _name;
    private readonly Uri _blobUri;
    private readonly BlockIdSequence _ids = new();
    private readonly List<string> _blockIds = [];
    private readonly List<Task> _inFlight = [];
    private readonly CancellationTokenSource _abandon = new();
    private byte[]? _block;
    private int _filled;
    private bool _committed;
    private bool _broken;
    private bool _disposed;

    public AzureBlobUpload(BlobRequestSender sender, AzureBlobStoreOptions options, string name, Uri blobUri)
    {
        _sender = sender;
        _options = options;
        _name = name;
        _blobUri = blobUri;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ThrowIfNotWritable();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            while (!data.IsEmpty)
            {
                // Copied, so the caller may reuse its buffer as soon as this returns.
                _block ??= ArrayPool<byte>.Shared.Rent(_options.BlockSize);
                var count = Math.Min(_options.BlockSize - _filled, data.Length);
                data.Span[..count].CopyTo(_block.AsSpan(_filled));
                _filled += count;
                data = data[count..];
                if (_filled == _options.BlockSize)
                {
                    await SendBlockAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            // Part of the data may have been taken: the blob could no longer be committed as the caller wrote it.
            _broken = true;
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotWritable();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (_filled > 0)
            {
                await SendBlockAsync(cancellationToken).ConfigureAwait(false);
            }

            await WaitForBlocksAsync(0, cancellationToken).ConfigureAwait(false);
            await PutBlockListAsync(cancellationToken).ConfigureAwait(false);
            _committed = true;
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _abandon.CancelAsync().ConfigureAwait(false);

        // Waited for so no request of this upload outlives it; their outcome no longer matters because
        // nothing of an abandoned upload is visible.
        await Task.WhenAll(_inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_block is not null)
        {
            ArrayPool<byte>.Shared.Return(_block);
            _block = null;
        }

        _abandon.Dispose();
    }

    private async Task SendBlockAsync(CancellationToken cancellationToken)
    {
        await WaitForBlocksAsync(_options.MaxConcurrentBlocks - 1, cancellationToken).ConfigureAwait(false);
        var id = _ids.Next();
        _blockIds.Add(id);
        var (block, length) = (_block!, _filled);
        (_block, _filled) = (null, 0);
        _inFlight.Add(PutBlockAsync(id, block, length, cancellationToken));
    }

    /// <summary>Waits until at most <paramref name="pending"/> blocks are in flight; rethrows the first failed block's exception.</summary>
    private async Task WaitForBlocksAsync(int pending, CancellationToken cancellationToken)
    {
        foreach (var done in _inFlight.Where(task => task.IsCompleted).ToList())
        {
            _inFlight.Remove(done);
            await done.ConfigureAwait(false);
        }

        while (_inFlight.Count > pending)
        {
            var done = await Task.WhenAny(_inFlight).WaitAsync(cancellationToken).ConfigureAwait(false);
            _inFlight.Remove(done);
            await done.ConfigureAwait(false);
        }
    }

    private async Task PutBlockAsync(string id, byte[] block, int length, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandon.Token);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{_blobUri.AbsoluteUri}?comp=block&blockid={Uri.EscapeDataString(id)}"));
        request.Content = new ByteArrayContent(block, 0, length);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _sender.SendAsync(request, linked.Token).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            // The buffer is not returned to the pool: after an early answer or a cancellation the handler may
            // still be reading it. 201 comes only once the service has the whole block, so then it is free.
            var error = await BlobServiceError.ReadAsync(response, linked.Token).ConfigureAwait(false);
            throw error.ToException($"store a block of blob '{_name}' in container '{_options.Container}'", _options);
        }

        ArrayPool<byte>.Shared.Return(block);
    }

    private async Task PutBlockListAsync(CancellationToken cancellationToken)
    {
        var body = new XElement("BlockList", _blockIds.Select(id => new XElement("Latest", id)), string.Empty);
        var xml = $"""<?xml version="1.0" encoding="utf-8"?>{body.ToString(SaveOptions.DisableFormatting)}""";
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{_blobUri.AbsoluteUri}?comp=blocklist"));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        using var response = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return;
        }

        var error = await BlobServiceError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var attempted = $"commit blob '{_name}' in container '{_options.Container}'";
        throw error.Status is 409 or 412
            ? error.ToException(attempted, "A blob with that name already exists; recordings are never overwritten, so it was left as it was and this upload was not committed. Upload under a new name.")
            : error.ToException(attempted, _options);
    }

    private void ThrowIfNotWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException($"Blob '{_name}' is already committed; start a new upload to write another blob.");
        }

        if (_broken)
        {
            throw new InvalidOperationException($"The upload of blob '{_name}' failed or was cancelled earlier; dispose it and start a new upload.");
        }
    }
}
