using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CrmRecording.Service.Playback;

/// <summary>
/// Reduces a PCM WAV stream, as it is decrypted, to a waveform for the player: per channel and per bucket the lowest
/// and highest sample, scaled to [-1, 1]. Only the running extremes are held (no audio is buffered or written
/// anywhere); the header is read from the stream itself (RIFF chunks up to <c>data</c>; 16-bit PCM, 1 or 2 channels).
/// </summary>
internal sealed class WavePeaks : Stream
{
    private const int MaxHeaderBytes = 4096;
    private readonly int _buckets;
    private readonly List<byte> _header = [];
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _frames;
    private long _frame;
    private short[] _min = [];
    private short[] _max = [];
    private int _bucketCount = 1;

    public WavePeaks(int buckets) => _buckets = buckets;

    public int Channels { get; private set; }

    public int SampleRate { get; private set; }

    /// <summary>Seconds of audio, from the data chunk's length.</summary>
    public double Duration => SampleRate == 0 ? 0 : (double)_frames / SampleRate;

    public bool HeaderRead => Channels > 0;

    /// <summary>Per channel, <c>min, max</c> pairs bucket after bucket (the layout wavesurfer.js draws from precomputed peaks).</summary>
    public float[][] Result()
    {
        if (!HeaderRead)
        {
            throw new InvalidDataException("The recording has no WAV data chunk.");
        }

        var buckets = _bucketCount;
        var result = new float[Channels][];
        for (var c = 0; c < Channels; c++)
        {
            result[c] = new float[buckets * 2];
            for (var b = 0; b < buckets; b++)
            {
                var i = (b * Channels) + c;
                result[c][2 * b] = MathF.Round(_min[i] / 32768f, 4);
                result[c][(2 * b) + 1] = MathF.Round(_max[i] / 32767f, 4);
            }
        }

        return result;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!HeaderRead)
        {
            var used = ReadHeader(buffer);
            buffer = buffer[used..];
            if (!HeaderRead)
            {
                return;
            }
        }

        var frameBytes = Channels * 2;
        if (_carried > 0)
        {
            var take = Math.Min(frameBytes - _carried, buffer.Length);
            buffer[..take].CopyTo(_carry.AsSpan(_carried));
            _carried += take;
            buffer = buffer[take..];
            if (_carried < frameBytes)
            {
                return;
            }

            AddFrames(_carry.AsSpan(0, frameBytes));
            _carried = 0;
        }

        var whole = buffer.Length / frameBytes * frameBytes;
        AddFrames(buffer[..whole]);
        buffer[whole..].CopyTo(_carry);
        _carried = buffer.Length - whole;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    private void AddFrames(ReadOnlySpan<byte> data)
    {
        // WAV is little-endian, as is every machine .NET runs this service on; the samples are read in place.
        var samples = MemoryMarshal.Cast<byte, short>(data);
        var channels = Channels;
        var at = 0;
        while (at < samples.Length && _frame < _frames)
        {
            // The frames up to the end of the current bucket are scanned without a division per frame.
            var bucket = (int)(_frame * _bucketCount / _frames);
            var bucketEnd = (((bucket + 1) * _frames) + _bucketCount - 1) / _bucketCount;
            var frames = (int)Math.Min((samples.Length - at) / channels, Math.Min(bucketEnd, _frames) - _frame);
            for (var c = 0; c < channels; c++)
            {
                var cell = (bucket * channels) + c;
                short min = _min[cell], max = _max[cell];
                for (var i = at + c; i < at + (frames * channels); i += channels)
                {
                    var sample = samples[i];
                    if (sample < min)
                    {
                        min = sample;
                    }
                    else if (sample > max)
                    {
                        max = sample;
                    }
                }

                _min[cell] = min;
                _max[cell] = max;
            }

            at += frames * channels;
            _frame += frames;
        }
    }

    private int ReadHeader(ReadOnlySpan<byte> buffer)
    {
        var before = _header.Count;
        foreach (var b in buffer)
        {
            _header.Add(b);
            if (TryParseHeader(out var dataStart))
            {
                return dataStart - before;
            }

            if (_header.Count >= MaxHeaderBytes)
            {
                throw new InvalidDataException("The recording's WAV header is longer than 4 KiB or has no data chunk.");
            }
        }

        return buffer.Length;
    }

    private bool TryParseHeader(out int dataStart)
    {
        dataStart = 0;
        var h = CollectionsMarshal.AsSpan(_header);
        if (h.Length < 12 || h.Length % 2 != 0)
        {
            return false;
        }

        if (!h[..4].SequenceEqual("RIFF"u8) || !h[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("The recording is not a RIFF/WAVE file.");
        }

        var at = 12;
        int channels = 0, rate = 0;
        while (at + 8 <= h.Length)
        {
            var id = h.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(h[(at + 4)..]);
            if (id.SequenceEqual("data"u8))
            {
                if (channels == 0)
                {
                    throw new InvalidDataException("The recording's data chunk comes before its fmt chunk.");
                }

                Start(channels, rate, size);
                dataStart = at + 8;
                return true;
            }

            if (size > MaxHeaderBytes || at + 8 + size > h.Length)
            {
                return false;
            }

            if (id.SequenceEqual("fmt "u8))
            {
                var fmt = h.Slice(at + 8, (int)size);
                var format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (format != 1 || bits != 16 || channels is < 1 or > 2 || rate <= 0)
                {
                    throw new InvalidDataException($"The recording is not 16-bit PCM in one or two channels (format {format}, {bits} bits, {channels} channels).");
                }
            }

            at += 8 + (int)size + (int)(size & 1);
        }

        return false;
    }

    private void Start(int channels, int rate, uint dataBytes)
    {
        Channels = channels;
        SampleRate = rate;
        _frames = dataBytes / (uint)(channels * 2);
        _bucketCount = (int)Math.Clamp(_frames, 1, _buckets);
        _min = new short[_bucketCount * channels];
        _max = new short[_bucketCount * channels];
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
