using System.Threading.Channels;

namespace CrmRecording.Vault.Format;

/// <summary>
/// Moves a recording through its import in batches of chunks: reading, each CPU step (hashing, sealing) and writing
/// run at once on different batches, each on its own thread, so they overlap across cores and with the disk. A fixed
/// set of batches circulates, so memory stays the same whatever the recording's length.
/// </summary>
internal sealed class ChunkPipeline : IDisposable
{
    /// <summary>About this much plaintext per batch: one read and one write each, whatever the chunk size.</summary>
    private const int BatchBytes = 1024 * 1024;

    /// <summary>Enough for every stage to hold one batch while the reader holds the next.</summary>
    private const int BatchCount = 6;

    private readonly ChunkBatch[] _batches;
    private readonly Channel<ChunkBatch> _free = Channel.CreateUnbounded<ChunkBatch>();
    private readonly CancellationTokenSource _stop;

    public ChunkPipeline(int chunkSize, CancellationToken cancellationToken)
    {
        var chunksPerBatch = Math.Max(1, BatchBytes / chunkSize);
        _batches = [.. Enumerable.Range(0, BatchCount).Select(_ => new ChunkBatch(chunkSize, chunksPerBatch))];
        foreach (var batch in _batches)
        {
            _free.Writer.TryWrite(batch);
        }

        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <param name="read">Fills a batch's plaintext; answers how many bytes it read, fewer than it holds only at the end.</param>
    /// <param name="steps">Work on each batch, in order; each step sees the batches in recording order.</param>
    /// <param name="write">Takes each batch after the last step, in recording order; it may not keep the batch.</param>
    public async Task RunAsync(
        Func<ChunkBatch, CancellationToken, Task<int>> read,
        IReadOnlyList<Action<ChunkBatch>> steps,
        Func<ChunkBatch, CancellationToken, Task> write)
    {
        var running = new List<Task>();
        var next = Channel.CreateUnbounded<ChunkBatch>();
        running.Add(Stage(next, output => ReadAllAsync(read, output)));
        foreach (var step in steps)
        {
            var input = next.Reader;
            next = Channel.CreateUnbounded<ChunkBatch>();
            running.Add(Stage(next, output => EachAsync(input, step, output)));
        }

        try
        {
            await foreach (var batch in next.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await write(batch, _stop.Token).ConfigureAwait(false);
                _free.Writer.TryWrite(batch);
            }
        }
        catch
        {
            // The stages before may be waiting for a batch this loop will never give back.
            await _stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            // No stage may still touch a batch once the caller goes on (and disposes them).
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var batch in _batches)
        {
            batch.Release();
        }

        _stop.Dispose();
    }

    /// <summary>Runs a stage on the thread pool; its failure travels down the pipeline to the writer, which rethrows it.</summary>
    private static Task Stage(Channel<ChunkBatch> output, Func<ChannelWriter<ChunkBatch>, Task> body) =>
        Task.Run(async () =>
        {
            try
            {
                await body(output.Writer).ConfigureAwait(false);
                output.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                output.Writer.TryComplete(ex);
            }
        });

    private async Task ReadAllAsync(Func<ChunkBatch, CancellationToken, Task<int>> read, ChannelWriter<ChunkBatch> output)
    {
        long chunk = 0;
        var current = await _free.Reader.ReadAsync(_stop.Token).ConfigureAwait(false);
        current.Length = await read(current, _stop.Token).ConfigureAwait(false);
        while (true)
        {
            // A chunk is final when nothing follows it, so a full batch waits until the next one is read.
            ChunkBatch? following = null;
            if (current.Length == current.Capacity)
            {
                following = await _free.Reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                following.Length = await read(following, _stop.Token).ConfigureAwait(false);
                if (following.Length == 0)
                {
                    _free.Writer.TryWrite(following);
                    following = null;
                }
            }

            current.FirstChunk = chunk;
            current.Final = following is null;
            chunk += current.Chunks;
            output.TryWrite(current);
            if (following is null)
            {
                return;
            }

            current = following;
        }
    }

    private async Task EachAsync(ChannelReader<ChunkBatch> input, Action<ChunkBatch> step, ChannelWriter<ChunkBatch> output)
    {
        await foreach (var batch in input.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            step(batch);
            output.TryWrite(batch);
        }
    }
}
