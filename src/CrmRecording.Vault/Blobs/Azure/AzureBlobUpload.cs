using System.Buffers;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace CrmRecording.Vault.Blobs.Azure;

/// <summary>
/// A block blob being written: writes fill blocks of <see cref="AzureBlobStoreOptions.BlockSize"/>, each sent
/// with Put Block while the next fills, at most <see cref="AzureBlobStoreOptions.MaxConcurrentBlocks"/> at once.
/// Commit sends Put Block List with <c>If-None-Match: *</c>, so the blob appears whole and never replaces one. Blocks
/// and the commit go through the SDK's pipeline, which retries transient failures.
/// Uncommitted blocks are invisible and the service discards them (after a week), so abandoning costs nothing.
/// A block's request is cancelled by the token of the write (or commit) that filled it, or by disposal; a
/// failed or cancelled block fails the next write or the commit, and the upload cannot be committed after that.
/// </summary>
internal sealed class AzureBlobUpload : IBlobUpload
{
    private readonly BlockBlobClient _blob;
    private readonly AzureBlobStoreOptions _options;
    private readonly string _name;
    private readonly BlockIdSequence _ids = new();
    private readonly List<string> _blockIds = [];
    private readonly List<Task> _inFlight = [];
    private readonly CancellationTokenSource _abandon = new();
    private byte[]? _block;
    private int _filled;
    private bool _committed;
    private bool _broken;
    private bool _disposed;

    public AzureBlobUpload(BlockBlobClient blob, AzureBlobStoreOptions options, string name)
    {
        _blob = blob;
        _options = options;
        _name = name;
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
        try
        {
            // Seekable, so the pipeline can rewind it for a retry.
            using var content = new MemoryStream(block, 0, length, writable: false);
            await _blob.StageBlockAsync(id, content, options: null, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            // The buffer is not returned to the pool: after an early answer or a cancellation the transport may
            // still be reading it. Success comes only once the service has the whole block, so then it is free.
            throw AzureBlobFailure.ToException(ex, $"store a block of blob '{_name}' in container '{_options.Container}'", _options);
        }

        ArrayPool<byte>.Shared.Return(block);
    }

    private async Task PutBlockListAsync(CancellationToken cancellationToken)
    {
        var neverOverwrite = new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            await _blob.CommitBlockListAsync(_blockIds, neverOverwrite, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureBlobFailure.Read(ex) is { Status: 409 or 412 })
        {
            // A retried commit whose first attempt went through also meets the condition: the blob is then made of
            // this upload's blocks (their ids carry its random prefix), and it is committed as asked.
            if (!await IsCommittedAsOursAsync(cancellationToken).ConfigureAwait(false))
            {
                throw AzureBlobFailure.ToException(
                    ex,
                    $"commit blob '{_name}' in container '{_options.Container}'",
                    "A blob with that name already exists; recordings are never overwritten, so it was left as it was and this upload was not committed. Upload under a new name.",
                    _options);
            }
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            throw AzureBlobFailure.ToException(ex, $"commit blob '{_name}' in container '{_options.Container}'", _options);
        }
    }

    private async Task<bool> IsCommittedAsOursAsync(CancellationToken cancellationToken)
    {
        if (_blockIds.Count == 0)
        {
            // An empty blob has no blocks to tell whose it is.
            return false;
        }

        try
        {
            var list = await _blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken).ConfigureAwait(false);
            return list.Value.CommittedBlocks.Select(block => block.Name).SequenceEqual(_blockIds, StringComparer.Ordinal);
        }
        catch (Exception ex) when (AzureBlobFailure.IsRequestFailure(ex))
        {
            return false;
        }
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
