namespace CrmRecording.Service.Recovery;

/// <summary>
/// For the crash tests only (<c>Testing:HaltAt=STEP</c>, <c>Testing:HaltSignal=FILE</c>, refused in Production): at the
/// step named, writes the step's name to the signal file and stops that flow for good, so the test can kill the process
/// there — a chosen point, not a guess at timing. <c>during-blob-write</c> stops the ingest once 16 KiB of media has
/// been read into the vault, with its <c>.partial</c> file open on disk.
/// </summary>
internal sealed class HaltingCheckpoint(string step, string signalFile) : FlowCheckpoint
{
    public const string DuringBlobWrite = "during-blob-write";
    private static readonly TaskCompletionSource Never = new();
    private volatile bool _halted;

    /// <summary>
    /// Once halted, no request is answered any more, as by a process that is already dead: otherwise Twilio's webhooks
    /// arriving between the halt and the kill would carry the call on (answered, recorded) behind the test's back.
    /// </summary>
    public override async Task FreezeIfHaltedAsync()
    {
        if (_halted)
        {
            await Never.Task.ConfigureAwait(false);
        }
    }

    public override void Reached(string reached)
    {
        if (reached != step)
        {
            return;
        }

        _halted = true;

        var temporary = signalFile + ".tmp";
        File.WriteAllText(temporary, reached);
        File.Move(temporary, signalFile, overwrite: true);
        // Until the test kills the process: nothing after this step may happen.
        Never.Task.Wait();
    }

    public override Stream Download(Stream media) => step == DuringBlobWrite ? new Watched(media, this) : media;

    private sealed class Watched(Stream inner, HaltingCheckpoint checkpoint) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            if (_read >= 16 * 1024)
            {
                checkpoint.Reached(DuringBlobWrite);
            }

            _read += read;
            return read;
        }
    }
}
