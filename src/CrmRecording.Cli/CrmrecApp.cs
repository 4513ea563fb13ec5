using System.CommandLine;
using CrmRecording.Cli.Enrich;
using CrmRecording.Cli.Gate;
using CrmRecording.Cli.Jurisdictions;
using CrmRecording.Cli.Vault;

namespace CrmRecording.Cli;

/// <summary>The <c>crmrec</c> command line: exit 0 on success, 2 on invalid input (with the option named), 1 on failure.</summary>
internal static class CrmrecApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;

    public static int Run(string[] args, TimeProvider time)
    {
        var root = new RootCommand("crmrec: compliant call recording for Dynamics 365 and Salesforce — consent decisions, contact enrichment and the jurisdiction rules behind them.")
        {
            GateCommand.Create(time),
            EnrichCommand.Create(time),
            JurisdictionsCommand.Create(),
            Solution.SolutionCommand.Create(),
            Dataverse.DataverseCommand.Create(time),
            Salesforce.SalesforceCommand.Create(),
            RecordingsCommand.Create(time),
            KeysCommand.Create(time),
            AuditCommand.Create(time),
            LifecycleCommands.Retention(time),
            LifecycleCommands.Hold(time),
            LifecycleCommands.Erase(time),
            Doctor.DoctorCommand.Create(),
            Outbox.OutboxCommand.Create(time),
            Reports.ReportCommand.Create(time),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                var option = OptionOf(error.SymbolResult);
                Console.Error.WriteLine(option is null || error.Message.Contains(option, StringComparison.Ordinal)
                    ? $"crmrec: {error.Message}"
                    : $"crmrec: {option}: {error.Message}");
            }

            Console.Error.WriteLine($"Run '{string.Join(' ', ["crmrec", .. CommandPath(parse)])} --help' to see the options.");
            return InvalidInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"crmrec: {ex.Message}");
            return InvalidInput;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"crmrec: {ex.Message}");
            return Failed;
        }
        catch (CrmRecording.Vault.Blobs.BlobStoreException ex)
        {
            Console.Error.WriteLine($"crmrec: {ex.Message}");
            return Failed;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            Console.Error.WriteLine($"crmrec: the metadata database {DatabaseOf(parse)} is damaged ({ex.Message.TrimEnd('.')}). Stop the service, restore it from your latest backup, and run 'crmrec doctor --data DIR' to check every store.");
            return Failed;
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine($"crmrec: {ex.Message} Check the file's permissions.");
            return Failed;
        }
    }

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>The SQLite file the command opened: <c>vault.db</c> under its <c>--data</c> directory.</summary>
    private static string DatabaseOf(ParseResult parse)
    {
        var data = parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().FirstOrDefault(o => o.Option.Name == "--data")?.GetValueOrDefault<DirectoryInfo>();
        return Path.Combine((data ?? new DirectoryInfo("data")).FullName, "vault.db");
    }

    private static string? OptionOf(System.CommandLine.Parsing.SymbolResult? result) => result switch
    {
        System.CommandLine.Parsing.OptionResult o => o.Option.Name,
        System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name,
        _ => null,
    };

    private static Stack<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var r = parse.CommandResult; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
        {
            names.Push(r.Command.Name);
        }

        return names;
    }
}
