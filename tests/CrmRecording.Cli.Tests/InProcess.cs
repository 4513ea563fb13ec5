using System.CommandLine;

namespace CrmRecording.Cli.Tests;

/// <summary>Runs one crmrec command in-process under a root command, with crmrec's exit codes (2 for <see cref="UsageException"/> and parse errors).</summary>
internal static class InProcess
{
    public static Crmrec.Result Run(Command command, string[] args)
    {
        var root = new RootCommand("test") { command };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
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
}
