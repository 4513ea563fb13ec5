using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CrmRecording.Service.Tests;

/// <summary>
/// The real service in a process of its own (its build output, as an operator runs it), for tests that must
/// kill it or see how it refuses to start. Its console is kept; <see cref="Kill"/> is SIGKILL.
/// </summary>
internal sealed partial class ServiceProcess : IDisposable
{
    private static readonly string Assembly = Locate();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _out = new();
    private readonly ConcurrentQueue<string> _err = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Received(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Received(_err, e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The service exited ({_process.ExitCode}) before listening.\nstdout:\n{Out}\nstderr:\n{Error}"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Out => string.Join('\n', _out);

    public string Error => string.Join('\n', _err);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the service with <c>--Key=value</c> settings, on a free loopback port.</summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        info.ArgumentList.Add(Assembly);
        info.ArgumentList.Add("--Urls=http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return new ServiceProcess(Process.Start(info)!);
    }

    /// <summary>The address the service listens on, once it does.</summary>
    public Task<Uri> ListeningAsync(TimeSpan? timeout = null) => _listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));

    public async Task<int> ExitAsync(TimeSpan? timeout = null)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushes.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Received(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static string Locate()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CrmRecording.Service", "bin", configuration, framework, "CrmRecording.Service.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"CrmRecording.Service.dll for {configuration}/{framework} was not found under src/CrmRecording.Service/bin; build the solution first.");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
