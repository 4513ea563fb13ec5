using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Service.Playback;

namespace CrmRecording.Service.Tests.Playback;

public sealed class WavePeaksTests
{
    [Fact]
    public void Result_DualChannelCallWithASilentSpan_IsFlatExactlyWhereTheAudioIsSilent()
    {
        // 10 s: tones on both channels, silent from 4 s to 6 s (a paused span written as silence).
        var wav = DualChannelWav.Render(TimeSpan.FromSeconds(10), [new SilentSpan(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2))]);
        var peaks = new WavePeaks(100);

        peaks.Write(wav);
        var result = peaks.Result();

        Assert.Equal(2, peaks.Channels);
        Assert.Equal(8000, peaks.SampleRate);
        Assert.Equal(10, peaks.Duration, 3);
        Assert.All(result, channel => Assert.Equal(200, channel.Length));
        for (var bucket = 0; bucket < 100; bucket++)
        {
            var silent = bucket is >= 40 and < 60;
            foreach (var channel in result)
            {
                var (min, max) = (channel[2 * bucket], channel[(2 * bucket) + 1]);
                if (silent)
                {
                    Assert.True(min == 0 && max == 0, $"bucket {bucket} should be silent: {min}..{max}");
                }
                else
                {
                    Assert.True(min < -0.1 && max > 0.1, $"bucket {bucket} should carry the tone: {min}..{max}");
                }
            }
        }
    }

    [Fact]
    public void Result_FedInOddSlices_EqualsFedWhole()
    {
        var wav = DualChannelWav.Render(TimeSpan.FromSeconds(3), [new SilentSpan(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300))]);
        var whole = new WavePeaks(250);
        whole.Write(wav);
        var sliced = new WavePeaks(250);
        for (var at = 0; at < wav.Length; at += 7)
        {
            sliced.Write(wav.AsSpan(at, Math.Min(7, wav.Length - at)));
        }

        Assert.Equal(whole.Result(), sliced.Result());
    }

    [Fact]
    public void Result_ShorterThanTheBuckets_HasOneBucketPerFrame()
    {
        var wav = DualChannelWav.Render(TimeSpan.FromMilliseconds(5), channels: 1); // 40 frames
        var peaks = new WavePeaks(1000);

        peaks.Write(wav);

        Assert.Equal(80, Assert.Single(peaks.Result()).Length);
    }

    [Fact]
    public void Write_NotAWaveFile_IsRefusedAsInvalidData()
    {
        var peaks = new WavePeaks(100);

        Assert.Throws<InvalidDataException>(() => peaks.Write("ID3\u0004 this is an mp3 file, not a wav"u8));
    }

    [Fact]
    public void Result_EightBitAudio_IsRefusedWithTheFormatNamed()
    {
        var wav = DualChannelWav.Render(TimeSpan.FromMilliseconds(10));
        wav[34] = 8; // bits per sample
        var peaks = new WavePeaks(100);

        var error = Assert.Throws<InvalidDataException>(() => peaks.Write(wav));

        Assert.Contains("8 bits", error.Message, StringComparison.Ordinal);
    }
}
