using System.CommandLine;
using System.Globalization;

namespace CrmRecording.Cli.Solution;

/// <summary><c>crmrec solution pack</c>: builds the importable Dataverse solution zip from the unpacked source, after validating it.</summary>
internal static class SolutionCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The solution zip to write (replaced only when the source is valid).", HelpName = "FILE.zip", Required = true };
        var managed = new Option<bool>("--managed") { Description = "Pack a managed solution (what admins import); default unmanaged." };
        var version = new Option<string>("--version") { Description = "The solution version to stamp (default: solution.version in pac.config).", HelpName = "X.Y.Z.W" };
        var source = new Option<string>("--source") { Description = "The unpacked solution folder (default: sourceFolder in pac.config).", HelpName = "DIR" };
        var config = new Option<string>("--config") { Description = "pac.config to read (default: the nearest one at or above the current folder).", HelpName = "FILE" };
        var pack = new Command("pack", "Validate the unpacked solution and pack it into an importable zip: tables and columns, choices, roles, web resources, the webhook, its steps (generated from the plugins' declarations) and environment variables.")
        {
            output, managed, version, source, config,
        };

        pack.SetAction(parse =>
        {
            var outcome = SolutionPacker.Pack(new PackRequest(
                parse.GetValue(output)!, parse.GetValue(managed), parse.GetValue(version), parse.GetValue(source), parse.GetValue(config), Directory.GetCurrentDirectory()));
            return Report(outcome, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });

        return new Command("solution", "Build the Dataverse solution admins import.") { pack };
    }

    private static int Report(PackOutcome outcome, TextWriter output, TextWriter error)
    {
        switch (outcome)
        {
            case PackOutcome.Packed packed:
                var counts = string.Join(", ", packed.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Count} {c.Kind}{(c.Count == 1 ? string.Empty : "s")}")));
                output.WriteLine($"Packed {packed.UniqueName} {packed.Version} ({(packed.Managed ? "managed" : "unmanaged")}): {counts}.");
                output.WriteLine(packed.Path);
                return CrmrecApp.Ok;
            case PackOutcome.Invalid invalid:
                return ProblemReport.Invalid(invalid.Problems, invalid.Source, error);
            default:
                throw new InvalidOperationException($"Unhandled outcome {outcome}.");
        }
    }
}
