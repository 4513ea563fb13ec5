using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace CrmRecording.Benchmarks.Load;

/// <summary>
/// An open-loop HTTP load generator: request i is started when it is due (start + i/rate) whether or not
/// earlier requests have been answered, and its latency runs from when it was due. A server that stalls
/// therefore shows the stall in every request queued behind it, as real users would see it, instead of
/// silently slowing the generator down (coordinated omission).
/// </summary>
internal sealed class LoadGenerator(LoadOptions options, HttpClient client)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (options, problem) = LoadOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"load: {problem}{Environment.NewLine}{LoadOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var generator = new LoadGenerator(options, client);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {options.Method} {options.Url} at {options.Rate}/s for {options.Seconds} s, open loop, up to {options.Connections} connections, after {options.WarmupSeconds} s of warm-up at the same rate"));
        if (options.WarmupSeconds > 0)
        {
            await generator.PhaseAsync(options.WarmupSeconds, seedOffset: 1_000_003).ConfigureAwait(false);
        }

        var samples = await generator.PhaseAsync(options.Seconds, seedOffset: 0).ConfigureAwait(false);
        samples.Print(Console.Out, options.RangeOfBytes is not null);
        return samples.Count > 0 && samples.Errors == 0 ? 0 : 1;
    }

    private async Task<LoadSamples> PhaseAsync(double seconds, int seedOffset)
    {
        var count = (int)Math.Round(options.Rate * seconds);
        var samples = new LoadSamples(count);
        var tasks = new Task[count];
        var random = new Random(options.Seed + seedOffset);
        var ticksPerRequest = Stopwatch.Frequency / options.Rate;

        // The schedule runs on its own thread so a busy thread pool cannot delay it; it never spins (2 cores are
        // shared with the server): it sleeps until at most a millisecond before a request is due and sends it then.
        var scheduler = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            samples.Started = start;
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                WaitUntil(due);
                var request = Build(i, random);
                samples.NoteLag(Stopwatch.GetTimestamp() - due);
                tasks[i] = SendAsync(request, i, due, samples);
            }
        })
        { IsBackground = true, Name = "load schedule", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join).ConfigureAwait(false);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        samples.Finished = Stopwatch.GetTimestamp();
        return samples;
    }

    private static void WaitUntil(long due)
    {
        while (true)
        {
            var milliseconds = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (milliseconds < 1)
            {
                return;
            }

            Thread.Sleep((int)milliseconds);
        }
    }

    private HttpRequestMessage Build(int index, Random random)
    {
        var request = new HttpRequestMessage(options.Method, options.Url) { Version = new Version(1, 1) };
        var body = options.CallsBody ? CallBodies.For(index) : options.Body;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        }

        foreach (var (name, value) in options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (options.RangeOfBytes is { } total)
        {
            var from = random.NextInt64(0, total - options.RangeSize + 1);
            request.Headers.Range = new RangeHeaderValue(from, from + options.RangeSize - 1);
        }

        return request;
    }

    private async Task SendAsync(HttpRequestMessage request, int index, long due, LoadSamples samples)
    {
        // Sent up to a millisecond early: time runs from whichever is later, when it was due or when it was sent.
        var from = Math.Max(due, Stopwatch.GetTimestamp());
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
            {
                var buffer = new byte[64 * 1024];
                var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var first = await body.ReadAsync(buffer.AsMemory(0, 1)).ConfigureAwait(false);
                    var firstByte = Stopwatch.GetTimestamp() - from;
                    long bytes = first;
                    int read;
                    while (first > 0 && (read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                    {
                        bytes += read;
                    }

                    samples.Record(index, (int)response.StatusCode, firstByte, Stopwatch.GetTimestamp() - from, bytes);
                    if (ServerApp(response) is { } app)
                    {
                        samples.RecordServerApp(index, app);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            samples.Fail(index, Stopwatch.GetTimestamp() - from, $"{ex.GetType().Name}: {(ex.InnerException ?? ex).Message}");
        }
    }

    /// <summary>The <c>app;dur=</c> entry of a <c>Server-Timing</c> header, in milliseconds.</summary>
    private static double? ServerApp(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var metric in values.SelectMany(v => v.Split(',')))
        {
            var parts = metric.Trim().Split(';');
            if (parts[0] == "app" && parts.Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal)) is { } dur
                && double.TryParse(dur.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                return ms;
            }
        }

        return null;
    }

    /// <summary>POST /api/calls bodies over the sandbox's seeded rows, placed by the seeded sales rep.</summary>
    private static class CallBodies
    {
        private const string Rep = "5e000000-0000-4000-8000-000000000004";
        private static readonly byte[][] Bodies =
        [
            Body("contact", "c0000000-0000-4000-8000-000000000001"),
            Body("contact", "c0000000-0000-4000-8000-000000000002"),
            Body("contact", "c0000000-0000-4000-8000-000000000003"),
            Body("contact", "c0000000-0000-4000-8000-000000000004"),
            Body("lead", "1e000000-0000-4000-8000-000000000001"),
            Body("opportunity", "0bb00000-0000-4000-8000-000000000001"),
        ];

        public static byte[] For(int index) => Bodies[index % Bodies.Length];

        private static byte[] Body(string entity, string id) =>
            Encoding.UTF8.GetBytes($$"""{"crm":"dynamics","entity":"{{entity}}","id":"{{id}}","repUserId":"{{Rep}}"}""");
    }
}
