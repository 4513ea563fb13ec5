using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmRecording.Cli.Salesforce;

/// <summary>
/// Parses every <c>.cls</c> and <c>.trigger</c> with <c>@apexdevtools/apex-parser</c> (the grammar of Salesforce's
/// compiler, offline). The parser reports syntax errors to a listener and never fails, so each reported error is
/// counted as a problem; a run that cannot start is an error, never a pass.
/// </summary>
internal static partial class ApexCheck
{
    /// <summary>ANTLR lists every token it would have accepted; past a few that says nothing a reader can use.</summary>
    private static string Shorten(string message) =>
        message.Length <= 160 ? message : ExpectedTokens().Replace(message, string.Empty);

    public static void Run(PackageSource source, SalesforceTools tools, List<PackageProblem> problems)
    {
        var bodies = source.Files.Where(f => f.IsContent && f.Type is "ApexClass" or "ApexTrigger").Select(f => f.Path).ToList();
        if (bodies.Count == 0)
        {
            return;
        }

        var script = Path.Combine(Path.GetTempPath(), $"crmrec-apex-check-{Guid.NewGuid():N}.cjs");
        try
        {
            using (var resource = typeof(ApexCheck).Assembly.GetManifestResourceStream("CrmRecording.Cli.Salesforce.apex-check.cjs")!)
            using (var file = File.Create(script))
            {
                resource.CopyTo(file);
            }

            var (exit, output, error) = tools.RunNode(source.Root, [script, tools.Folder, .. bodies]);
            if (exit != 0)
            {
                throw new IOException($"the Apex parser did not run (exit {exit}): {error.Trim()}");
            }

            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split('\t', 4);
                problems.Add(new PackageProblem(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), $"Apex syntax error at column {parts[2]}: {Shorten(parts[3])}"));
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@" expecting \{[^}]*\}")]
    private static partial Regex ExpectedTokens();
}
