using System.Buffers.Binary;
using System.Text;

namespace CrmRecording.Emulators.Twilio.Media;

/// <summary>
/// The audio of a stand-in recording: a RIFF/WAVE file of 16-bit little-endian PCM at 8000 Hz, as Twilio serves
/// <c>.wav</c> media. In a dual-channel file channel 1 carries the parent leg (the rep, a 440 Hz tone) and channel 2
/// the dialled party (the customer, a 660 Hz tone), as in Twilio's dual-channel recordings; a mono file carries the
/// two tones mixed. The content is a pure function of duration, silences and channel count, so a test can render
/// the expected bytes and compare. Large files are written in blocks, never held whole in memory.
/// </summary>
public static class DualChannelWav
{
    public const int SampleRate = 8000;
    public const int BitsPerSample = 16;
    public const int HeaderLength = 44;
    public const double RepFrequency = 440;
    public const double CustomerFrequency = 660;

    // 400 samples (50 ms) hold a whole number of periods of both tones (22 of 440 Hz, 33 of 660 Hz),
    // so one table repeats seamlessly and the file is identical on every run and machine.
    private const int TableLength = 400;
    private const int FramesPerBlock = 4096;
    private static readonly short[] RepTable = Tone(RepFrequency);
    private static readonly short[] CustomerTable = Tone(CustomerFrequency);

    /// <summary>Sample frames in <paramref name="duration"/> (whole frames, rounded down).</summary>
    public static long FrameCount(TimeSpan duration) => Math.Max(0, duration.Ticks) * SampleRate / TimeSpan.TicksPerSecond;

    /// <summary>The file's length in bytes: header plus data.</summary>
    public static long Length(TimeSpan duration, int channels = 2) => HeaderLength + (FrameCount(duration) * channels * (BitsPerSample / 8));

    public static void Write(Stream destination, TimeSpan duration, IReadOnlyList<SilentSpan>? silences = null, int channels = 2)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var block in Blocks(duration, silences ?? [], channels))
        {
            destination.Write(block.Span);
        }
    }

    public static async Task WriteAsync(
        Stream destination, TimeSpan duration, IReadOnlyList<SilentSpan>? silences = null, int channels = 2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var block in Blocks(duration, silences ?? [], channels))
        {
            await destination.WriteAsync(block, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The whole file in memory; for tests and short recordings.</summary>
    public static byte[] Render(TimeSpan duration, IReadOnlyList<SilentSpan>? silences = null, int channels = 2)
    {
        using var buffer = new MemoryStream();
        Write(buffer, duration, silences, channels);
        return buffer.ToArray();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Blocks(TimeSpan duration, IReadOnlyList<SilentSpan> silences, int channels)
    {
        if (channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "A recording has one or two channels.");
        }

        var frames = FrameCount(duration);
        var dataLength = frames * channels * 2;
        if (dataLength > uint.MaxValue - HeaderLength)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A WAV file holds at most 4 GiB.");
        }

        yield return Header(dataLength, channels);
        var silentRanges = silences.Select(s => (From: FrameCount(s.Start), To: FrameCount(s.Start + s.Length))).OrderBy(r => r.From).ToArray();
        var block = new byte[FramesPerBlock * channels * 2];
        for (long first = 0; first < frames; first += FramesPerBlock)
        {
            var count = (int)Math.Min(FramesPerBlock, frames - first);
            for (var i = 0; i < count; i++)
            {
                var frame = first + i;
                var silent = IsSilent(silentRanges, frame);
                var index = (int)(frame % TableLength);
                var offset = i * channels * 2;
                if (channels == 2)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(block.AsSpan(offset), silent ? (short)0 : RepTable[index]);
                    BinaryPrimitives.WriteInt16LittleEndian(block.AsSpan(offset + 2), silent ? (short)0 : CustomerTable[index]);
                }
                else
                {
                    BinaryPrimitives.WriteInt16LittleEndian(block.AsSpan(offset), silent ? (short)0 : (short)((RepTable[index] + CustomerTable[index]) / 2));
                }
            }

            yield return block.AsMemory(0, count * channels * 2);
        }
    }

    private static bool IsSilent((long From, long To)[] ranges, long frame)
    {
        foreach (var (from, to) in ranges)
        {
            if (frame >= from && frame < to)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Header(long dataLength, int channels)
    {
        var header = new byte[HeaderLength];
        var span = header.AsSpan();
        var blockAlign = channels * (BitsPerSample / 8);
        Encoding.ASCII.GetBytes("RIFF", span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataLength));
        Encoding.ASCII.GetBytes("WAVE", span[8..]);
        Encoding.ASCII.GetBytes("fmt ", span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], BitsPerSample);
        Encoding.ASCII.GetBytes("data", span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataLength);
        return header;
    }

    private static short[] Tone(double frequency)
    {
        var table = new short[TableLength];
        for (var i = 0; i < TableLength; i++)
        {
            table[i] = (short)Math.Round(8000 * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
        }

        return table;
    }
}
