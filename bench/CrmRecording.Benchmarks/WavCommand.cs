using System.Globalization;
using CrmRecording.Emulators.Twilio.Media;

namespace CrmRecording.Benchmarks;

/// <summary><c>wav FILE [--minutes 60]</c>: writes a dual-channel 8 kHz 16-bit WAV as Twilio serves it, streamed in blocks.</summary>
internal static class WavCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var minutes = 60;
        if (args.Count is not (1 or 3) || (args.Count == 3 && (args[1] != "--minutes" || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes <= 0)))
        {
            await Console.Error.WriteLineAsync("usage: wav FILE [--minutes 60]").ConfigureAwait(false);
            return 2;
        }

        var file = new FileStream(args[0], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await DualChannelWav.WriteAsync(file, TimeSpan.FromMinutes(minutes)).ConfigureAwait(false);
        }

        Console.WriteLine(new FileInfo(args[0]).Length.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
