using System.Diagnostics;

namespace CrmRecording.Cli.Tests;

/// <summary>Runs the real <c>crmrec</c> program (the built assembly, in its own process).</summary>
internal static class Crmrec
{
    /// <summary>
    /// The CLI's own build output (src/CrmRecording.Cli/bin/CONFIG/TFM), not the copy in this test project's
    /// folder: that folder's dependency set is the test project's (it also references the ASP.NET Core
    /// framework for the Dataverse stand-in), which is not what crmrec ships with.
    /// </summary>
    private static readonly string Assembly = Locate();

    private static string Locate()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CrmRecording.Cli", "bin", configuration, framework, "crmrec.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"crmrec.dll for {configuration}/{framework} was not found under src/CrmRecording.Cli/bin; build the solution first.");
    }

    public static Result Run(params string[] args) => RunIn(Directory.GetCurrentDirectory(), args);

    /// <summary>Starts crmrec without waiting, for tests that interrupt it.</summary>
    public static Process Start(params string[] args) => Process.Start(Info(Directory.GetCurrentDirectory(), args))!;

    public static Result RunIn(string workingDirectory, params string[] args) => RunWith(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (store selection, connection settings).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWith(Directory.GetCurrentDirectory(), environment, args);

    private static Result RunWith(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = Info(workingDirectory, args);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"crmrec {string.Join(' ', args)} did not finish in 2 minutes.");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo Info(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    internal sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
    }
}
