using System.Diagnostics;
using System.Globalization;
using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Benchmarks;

/// <summary>
/// <c>ingest [--minutes 60] [--runs 5]</c>: what storing a finished call costs once its media is downloaded —
/// the vault's streaming encrypt into the local blob store with SQLite metadata and the local key ring (the
/// service's defaults), then the verification that decrypts it whole — over a dual-channel 8 kHz 16-bit WAV
/// as Twilio serves it, read from a file. Each run gets a fresh vault directory.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var minutes = 60;
        var runs = 5;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var ok = args[i] switch
            {
                "--minutes" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out minutes) && minutes > 0,
                "--runs" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out runs) && runs > 0,
                _ => false,
            };
            if (!ok)
            {
                await Console.Error.WriteLineAsync($"ingest: {args[i]} '{args[i + 1]}' is not valid; usage: ingest [--minutes 60] [--runs 5]").ConfigureAwait(false);
                return 2;
            }
        }

        if (args.Count % 2 != 0)
        {
            await Console.Error.WriteLineAsync("usage: ingest [--minutes 60] [--runs 5]").ConfigureAwait(false);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("crmrec-bench-ingest-");
        try
        {
            var wav = Path.Combine(work.FullName, "call.wav");
            var duration = TimeSpan.FromMinutes(minutes);
            await using (var file = new FileStream(wav, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
            {
                await DualChannelWav.WriteAsync(file, duration).ConfigureAwait(false);
            }

            var megabytes = new FileInfo(wav).Length / 1_000_000.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {minutes} min dual-channel 8 kHz 16-bit WAV, {megabytes:F1} MB, read from a file; RecordingVault.ImportAsync + VerifyAsync, local blobs + SQLite + local key ring; {runs} runs"));
            var totals = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var (import, verify) = await OnceAsync(wav, Path.Combine(work.FullName, $"vault-{run}")).ConfigureAwait(false);
                totals.Add(import + verify);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: import {import:F3} s + verify {verify:F3} s = {import + verify:F3} s ({megabytes / (import + verify):F0} MB/s)"));
            }

            totals.Sort();
            var median = totals.Count % 2 == 1 ? totals[totals.Count / 2] : (totals[(totals.Count / 2) - 1] + totals[totals.Count / 2]) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import + verify: median {median:F3} s ({megabytes / median:F0} MB/s), min {totals[0]:F3} s, max {totals[^1]:F3} s (target < 2 s for 60 min)"));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(double Import, double Verify)> OnceAsync(string wav, string directory)
    {
        var time = TimeProvider.System;
        var metadata = new SqliteMetadataStore(Path.Combine(directory, "vault.db"));
        await using (metadata.ConfigureAwait(false))
        {
            await metadata.MigrateAsync().ConfigureAwait(false);
            var keys = LocalKeyRing.OpenOrCreate(Path.Combine(directory, "keys", "keyring.json"), time.GetUtcNow());
            var vault = new RecordingVault(new LocalBlobStore(Path.Combine(directory, "recordings"), time.GetUtcNow()), metadata, keys, RetentionClasses.Default, time);
            var media = new FileStream(wav, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
            await using (media.ConfigureAwait(false))
            {
                var started = Stopwatch.GetTimestamp();
                var record = await vault.ImportAsync(media, new ImportRequest("bench", "contact", "call", "sales", "RE-bench", "ingest")).ConfigureAwait(false);
                var imported = Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                var verified = await vault.VerifyAsync(record.Id).ConfigureAwait(false);
                var verifiedIn = Stopwatch.GetElapsedTime(started);
                if (!verified.Ok)
                {
                    throw new InvalidOperationException($"The imported recording did not verify: {verified.Problem}");
                }

                return (imported.TotalSeconds, verifiedIn.TotalSeconds);
            }
        }
    }
}
