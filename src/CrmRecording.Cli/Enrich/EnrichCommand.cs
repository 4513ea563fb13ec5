using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Spectre.Console;

namespace CrmRecording.Cli.Enrich;

/// <summary><c>crmrec enrich</c>: adds jurisdiction, rule, evidence, device, decision and reasons to every row of a CRM export.</summary>
internal static class EnrichCommand
{
    public static Command Create(TimeProvider time)
    {
        var input = new Option<FileInfo>("--in") { Description = "CRM export (CSV) with Dynamics or Salesforce column names.", HelpName = "FILE.csv", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the enriched CSV (replaced only when the run completes).", HelpName = "FILE.csv", Required = true };
        var map = new Option<string[]>("--map")
        {
            Description = $"Name a column for a field, FIELD=COLUMN (repeatable). Fields: {ColumnMap.Fields}.",
            HelpName = "FIELD=COLUMN",
            AllowMultipleArgumentsPerToken = false,
        };
        var defaultCountry = new Option<string>("--default-country") { Description = "ISO country for numbers typed without a country code (default: from each row's address or the rep's region).", HelpName = "CC" };
        var rep = CommonOptions.RepRegion();
        var policy = CommonOptions.Policy();
        var asOf = CommonOptions.AsOf();
        var command = new Command("enrich", "Add recording decisions to a CRM contact/lead export; every row is kept, rows that cannot be read are flagged.")
        {
            input, output, map, defaultCountry, rep, policy, asOf,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var inFile = parse.GetValue(input)!;
            var outFile = parse.GetValue(output)!;
            if (!inFile.Exists)
            {
                throw new UsageException($"--in: {inFile.FullName} does not exist.");
            }

            if (string.Equals(inFile.FullName, outFile.FullName, StringComparison.Ordinal))
            {
                throw new UsageException("--out: must differ from --in; the input is never overwritten.");
            }

            var recordingPolicy = CommonOptions.ReadPolicy(parse.GetValue(policy));
            var repRegion = parse.GetValue(rep);
            var reader = CommonOptions.Reader(recordingPolicy);
            if (repRegion is not null && !reader.Read(new Core.Contacts.ContactFields { RepRegion = repRegion }, default).IsValid)
            {
                throw new UsageException($"--rep-region: '{repRegion}' is not a region we know; use an ISO 3166 code such as US-TX, CA-ON or GB.");
            }

            var runner = new EnrichRunner(reader, CommonOptions.Engine(recordingPolicy), CommonOptions.ReadAsOf(parse.GetValue(asOf), time), repRegion, parse.GetValue(defaultCountry));
            var stopwatch = Stopwatch.StartNew();
            var summary = Run(runner, inFile, outFile, parse.GetValue(map) ?? [], cancellationToken);
            stopwatch.Stop();
            Report(summary, outFile, stopwatch.Elapsed);
            return Task.FromResult(CrmrecApp.Ok);
        });

        return command;
    }

    private static EnrichSummary Run(EnrichRunner runner, FileInfo inFile, FileInfo outFile, string[] map, CancellationToken cancellationToken)
    {
        var partial = new FileInfo(outFile.FullName + ".partial");
        try
        {
            using var inStream = new FileStream(inFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var textIn = new StreamReader(inStream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
            EnrichSummary summary;
            using (var textOut = new StreamWriter(partial.FullName, false, new UTF8Encoding(false), 1 << 16))
            {
                summary = WithProgress(inStream, progress => runner.Run(textIn, textOut, map, progress, cancellationToken));
            }

            File.Move(partial.FullName, outFile.FullName, overwrite: true);
            return summary;
        }
        finally
        {
            if (partial.Exists || File.Exists(partial.FullName))
            {
                File.Delete(partial.FullName);
            }
        }
    }

    private static EnrichSummary WithProgress(FileStream input, Func<Action<long>, EnrichSummary> run)
    {
        var total = Math.Max(1, input.Length);
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
        {
            EnrichSummary? result = null;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("enriching", maxValue: total);
                    result = run(rows =>
                    {
                        task.Description = $"enriching ({rows:N0} rows)";
                        task.Value = input.Position;
                    });
                    task.Value = total;
                });
            return result!;
        }

        // Not a terminal: a line on stderr every 100,000 rows, so logs still show the run moving.
        var next = 100_000L;
        return run(rows =>
        {
            if (rows >= next)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enrich: {rows:N0} rows ({100.0 * input.Position / total:F0}% of the input)"));
                next += 100_000;
            }
        });
    }

    private static void Report(EnrichSummary summary, FileInfo outFile, TimeSpan elapsed)
    {
        // Plain text when the output is a file or a pipe: no colour codes in logs.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{summary.Rows:N0} rows written to {outFile.FullName} in {elapsed.TotalSeconds:F1} s; {summary.Errors:N0} with errors."));
        var decisions = new Table().Title("rows per decision").AddColumn("decision").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var (decision, count) in summary.ByDecision.OrderByDescending(p => p.Value))
        {
            decisions.AddRow(decision, count.ToString("N0", CultureInfo.InvariantCulture));
        }

        decisions.AddRow("(errors)", summary.Errors.ToString("N0", CultureInfo.InvariantCulture));
        console.Write(decisions);
        var places = new Table().Title("rows per deciding jurisdiction").AddColumn("jurisdiction").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var (code, count) in summary.ByJurisdiction.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            places.AddRow(Markup.Escape(code), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(places);
        if (summary.FirstErrors.Count > 0)
        {
            Console.Out.WriteLine($"First rows with errors (see the {EnrichColumns.Error} column for all):");
            foreach (var error in summary.FirstErrors)
            {
                Console.Out.WriteLine("  " + error);
            }
        }
    }
}
