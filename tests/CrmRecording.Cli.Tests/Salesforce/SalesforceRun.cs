using CrmRecording.Cli.Salesforce;

namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary>Runs <c>crmrec salesforce ...</c> in-process, through <see cref="SalesforceCommand.Create"/>.</summary>
internal static class SalesforceRun
{
    /// <summary>The repository's sfdx project.</summary>
    public static string RealSource { get; } = Locate();

    public static Crmrec.Result Run(params string[] args) => InProcess.Run(SalesforceCommand.Create(), ["salesforce", .. args]);

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
