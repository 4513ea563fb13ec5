using System.Globalization;

namespace CrmRecording.Benchmarks.Load;

/// <summary>Arguments of <c>load</c>; see <see cref="Usage"/>.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        usage: load --url URL [--rate 200] [--seconds 30] [--warmup-seconds 5] [--connections 256]
                    [--method POST|GET] [--body-file FILE | --calls-body] [--header "Name: value"]...
                    [--range-of-bytes N [--range-size 65536]] [--seed 1]
          Open loop: request i is due at start + i/rate whatever the earlier answers, and its latency is
          counted from when it was due, so a slow answer delays nobody's clock (no coordinated omission).
          --calls-body      rotate POST /api/calls bodies over the seeded sandbox contacts, lead and opportunity.
          --range-of-bytes  each request asks for a random Range: bytes=a-b of --range-size bytes within N
                            bytes, and time to the first body byte is reported as well as the whole answer.
        """;

    public required Uri Url { get; init; }

    public double Rate { get; init; } = 200;

    public double Seconds { get; init; } = 30;

    public double WarmupSeconds { get; init; } = 5;

    public int Connections { get; init; } = 256;

    public HttpMethod Method { get; init; } = HttpMethod.Get;

    public byte[]? Body { get; init; }

    public bool CallsBody { get; init; }

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public long? RangeOfBytes { get; init; }

    public int RangeSize { get; init; } = 65536;

    public int Seed { get; init; } = 1;

    /// <summary>Parses the arguments, or returns the problem with them.</summary>
    public static (LoadOptions? Options, string? Problem) Parse(IReadOnlyList<string> args)
    {
        Uri? url = null;
        double rate = 200, seconds = 30, warmup = 5;
        int connections = 256, rangeSize = 65536, seed = 1;
        long? rangeOf = null;
        string? method = null;
        byte[]? body = null;
        var callsBody = false;
        var headers = new List<(string, string)>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--calls-body")
            {
                callsBody = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value.");
            }

            var value = args[++i];
            var ok = name switch
            {
                "--url" => Uri.TryCreate(value, UriKind.Absolute, out url),
                "--rate" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate > 0,
                "--seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                "--warmup-seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out warmup) && warmup >= 0,
                "--connections" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out connections) && connections > 0,
                "--range-size" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rangeSize) && rangeSize > 0,
                "--seed" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seed),
                "--range-of-bytes" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (rangeOf = n) > 0,
                "--method" => (method = value.ToUpperInvariant()) is "GET" or "POST" or "PUT",
                "--body-file" => File.Exists(value) && (body = File.ReadAllBytes(value)) is not null,
                "--header" => value.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && AddHeader(headers, value[..colon].Trim(), value[(colon + 1)..].Trim()),
                _ => false,
            };
            if (!ok)
            {
                return (null, $"{name} '{value}' is not valid.");
            }
        }

        if (url is null)
        {
            return (null, "--url is required.");
        }

        if (rangeOf is { } total && total < rangeSize)
        {
            return (null, $"--range-of-bytes {total} is smaller than --range-size {rangeSize}.");
        }

        var posting = body is not null || callsBody;
        return (new LoadOptions
        {
            Url = url,
            Rate = rate,
            Seconds = seconds,
            WarmupSeconds = warmup,
            Connections = connections,
            Method = new HttpMethod(method ?? (posting ? "POST" : "GET")),
            Body = body,
            CallsBody = callsBody,
            Headers = headers,
            RangeOfBytes = rangeOf,
            RangeSize = rangeSize,
            Seed = seed,
        }, null);
    }

    private static bool AddHeader(List<(string, string)> headers, string name, string value)
    {
        headers.Add((name, value));
        return name.Length > 0;
    }
}
