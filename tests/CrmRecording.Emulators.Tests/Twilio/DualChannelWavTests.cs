using CrmRecording.Emulators.Twilio.Media;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>The media generator on its own: sizes, determinism, and a one-hour file written without buffering it.</summary>
public sealed class DualChannelWavTests
{
    [Fact]
    public void Write_OneHour_StreamsTheExactLengthInBlocks()
    {
        using var sink = new CountingStream();

        DualChannelWav.Write(sink, TimeSpan.FromHours(1));

        Assert.Equal(44 + (3600L * 8000 * 4), sink.Length);
        Assert.Equal(DualChannelWav.Length(TimeSpan.FromHours(1)), sink.Length);
        Assert.True(sink.LargestWrite <= 64 * 1024, $"largest write {sink.LargestWrite} bytes");
    }

    [Fact]
    public void Render_SameInput_IsIdenticalAndChannelsCarryDifferentTones()
    {
        var first = DualChannelWav.Render(TimeSpan.FromMilliseconds(250));
        var second = DualChannelWav.Render(TimeSpan.FromMilliseconds(250));

        Assert.Equal(first, second);
        Assert.Equal(44 + (2000 * 4), first.Length);
        var rep = BitConverter.ToInt16(first, 44 + (4 * 3));
        var customer = BitConverter.ToInt16(first, 44 + (4 * 3) + 2);
        Assert.NotEqual(rep, customer);
    }

    [Fact]
    public void Render_Mono_HasOneChannel()
    {
        var mono = DualChannelWav.Render(TimeSpan.FromSeconds(1), channels: 1);

        Assert.Equal(44 + 16000, mono.Length);
        Assert.Equal(1, BitConverter.ToInt16(mono, 22));
    }

    private sealed class CountingStream : Stream
    {
        private long length;

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            length += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
        }
    }
}
