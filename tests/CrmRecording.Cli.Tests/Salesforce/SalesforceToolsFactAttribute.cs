namespace CrmRecording.Cli.Tests.Salesforce;

/// <summary>A test that runs the sf CLI and the Apex parser, skipped when scripts/test.sh has not installed them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SalesforceToolsFactAttribute : FactAttribute
{
    public const string Variable = "CRMREC_TEST_SALESFORCE_CLI";

    public SalesforceToolsFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: run scripts/test.sh, which installs the sf CLI, Node 22 and apex-parser with npm into .tools/salesforce-cli and sets it (or source scripts/services.sh and call services_start).";
        }
    }

    /// <summary>The folder npm installed the tools into.</summary>
    public static string Folder => Environment.GetEnvironmentVariable(Variable)!;
}
