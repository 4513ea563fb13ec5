using System.Diagnostics;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>The pages' sign-in module (<c>wwwroot/js/signin.js</c>) under node's test runner, with a stand-in window.</summary>
public sealed class SignInScriptTests
{
    [Fact]
    public async Task SignInModule_NodeTests_AllPass()
    {
        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=spec", Path.Combine(AppContext.BaseDirectory, "SignIn", "signin.test.mjs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SIGNIN_MODULE"] = Path.Combine(AppContext.BaseDirectory, "wwwroot", "js", "signin.js");
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();

        // Every test in the file ran and passed (a file that stopped loading half-way would pass fewer).
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "SignIn", "signin.test.mjs"));
        var declared = System.Text.RegularExpressions.Regex.Count(script, @"^test\(", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(node.ExitCode == 0, await output + await errors);
        Assert.True(declared >= 11, $"only {declared} tests were found in signin.test.mjs");
        Assert.Contains($"pass {declared}", await output, StringComparison.Ordinal);
        Assert.Contains("fail 0", await output, StringComparison.Ordinal);
    }
}
