using System.CommandLine;
using CrmRecording.Cli.Salesforce;

namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary>
/// Runs <c>crmrec salesforce ...</c> in-process, through <see cref="SalesforceCommand.Create"/> under a root command
/// and with crmrec's exit-code conventions (2 for <see cref="UsageException"/> and parse errors).
/// </summary>
internal static class SalesforceRun
{
    /// <summary>The repository's sfdx project.</summary>
    public static string RealSource { get; } = Locate();

    public static Crmrec.Result Run(params string[] args)
    {
        var root = new RootCommand("test") { SalesforceCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(["salesforce", .. args]);
        if (parse.Errors.Count > 0)
        {
            return new Crmrec.Result(2, string.Empty, string.Join('\n', parse.Errors.Select(e => e.Message)));
        }

        try
        {
            var exit = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            return new Crmrec.Result(exit, output.ToString(), error.ToString());
        }
        catch (UsageException ex)
        {
            return new Crmrec.Result(2, output.ToString(), $"crmrec: {ex.Message}");
        }
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SalesforceCommand.SourceFolder);
            if (File.Exists(Path.Combine(candidate, "sfdx-project.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No {SalesforceCommand.SourceFolder} above {AppContext.BaseDirectory}.");
    }
}
