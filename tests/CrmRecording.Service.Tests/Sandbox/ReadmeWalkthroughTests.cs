using System.Diagnostics;

namespace CrmRecording.Service.Tests.Sandbox;

/// <summary>The README's sandbox walkthrough, pasted whole into a shell against a fresh sandbox, works as written.</summary>
public sealed class ReadmeWalkthroughTests : IDisposable
{
    private const string Marker = "# The sandbox walkthrough:";
    private readonly string _root = Directory.CreateTempSubdirectory("crmrec-readme-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Walkthrough_PastedWholeIntoAShell_PlacesRecordsPlaysAndEnriches()
    {
        var block = WalkthroughBlock();
        using var service = ServiceProcess.Start(new Dictionary<string, string> { ["Service:DataDirectory"] = Path.Combine(_root, "data") });
        var address = await service.ListeningAsync();
        var shell = Path.Combine(_root, "shell");
        Directory.CreateDirectory(shell);

        var (exit, output, error) = await RunAsync(block, address, shell);

        Assert.True(exit == 0, $"exit {exit}\nstdout:\n{output}\nstderr:\n{error}\nservice:\n{service.Out}");
        Assert.Contains("\"decision\": \"record-after-consent\"", output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"stored\"", output, StringComparison.Ordinal);
        Assert.Contains("reviewer, range: 206 audio/wav", output, StringComparison.Ordinal);
        Assert.Contains("director: 403", output, StringComparison.Ordinal);
        Assert.Matches("\"crr_jurisdictions\": \"[^\"]*US-NV", output);
        Assert.Matches("\"crr_devicetype\": \"(landline|mobile|fixed-voip|non-fixed-voip|toll-free|unknown)\"", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(shell)); // nothing written where it was pasted
    }

    private static string WalkthroughBlock()
    {
        var readme = File.ReadAllText(Locate("README.md"));
        var start = readme.IndexOf("```sh\n" + Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no shell block starting with '{Marker}'.");
        start += "```sh\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end] + "\n";
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(string block, Uri address, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash", ["-e", "-o", "pipefail"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        info.Environment["BASE"] = address.AbsoluteUri.TrimEnd('/');
        info.Environment["TMPDIR"] = Path.GetDirectoryName(workingDirectory)!;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(block);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The walkthrough did not finish in 3 minutes.\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string Locate(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, file)) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return Path.Combine(dir.FullName, file);
            }
        }

        throw new FileNotFoundException($"{file} was not found above {AppContext.BaseDirectory}.");
    }
}
