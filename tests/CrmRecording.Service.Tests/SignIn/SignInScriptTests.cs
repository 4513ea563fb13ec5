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

        Assert.True(node.ExitCode == 0, await output + await errors);
        Assert.Contains("pass 10", await output, StringComparison.Ordinal);
    }
}
