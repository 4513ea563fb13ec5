namespace CrmRecording.Vault.Tests;

/// <summary>A source that answers at most a few bytes per read, as a pipe or socket may, and can fail part-way like a dropped download.</summary>
internal sealed class TrickleStream(byte[] content, int piece) : Stream
{
    public const string FailureMessage = "the source went away";

    private int _position;

    /// <summary>The bytes before this offset are read; the read after them fails.</summary>
    public int FailAfter { get; init; } = int.MaxValue;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= FailAfter)
        {
            throw new IOException(FailureMessage);
        }

        var n = Math.Min(Math.Min(count, piece), Math.Min(content.Length, FailAfter) - _position);
        content.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
