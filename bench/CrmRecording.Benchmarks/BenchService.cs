using System.Diagnostics;
using System.Globalization;

namespace CrmRecording.Benchmarks;

/// <summary>The Release service as a child process of a benchmark: started in sandbox mode on a port, its log kept beside its data.</summary>
internal static class BenchService
{
    public static Process Start(string dll, int port, string data, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Service__DataDirectory"] = Path.Combine(data, "data");
        start.Environment["Vault__KeyFile"] = Path.Combine(data, "keys", "keyring.json");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__CrmRecording.Service.Outbox"] = "Information";
        start.Environment["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        Directory.CreateDirectory(data);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The service did not start.");
        var log = new StreamWriter(Path.Combine(data, "service.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.WriteLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitReadyAsync(HttpClient http, Process service)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {service.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative)).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException("The service did not become ready in 60 s.");
    }

    public static async Task StopAsync(Process service)
    {
        if (!service.HasExited)
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary><c>--service DLL --port PORT --data DIR [--contacts N]</c>.</summary>
    public static (string Dll, int Port, string Data, int Count)? Options(IReadOnlyList<string> args)
    {
        string? dll = null, data = null;
        int port = 0, count = 10_000;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var ok = args[i] switch
            {
                "--service" => (dll = args[i + 1]) is not null,
                "--data" => (data = args[i + 1]) is not null,
                "--port" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port > 0,
                "--contacts" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return dll is null || data is null || port == 0 || args.Count % 2 != 0 ? null : (dll, port, data, count);
    }
}
