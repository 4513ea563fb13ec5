namespace CrmRecording.Service.Tests.SignIn;

/// <summary>A test against npm's oidc-provider (a certified OpenID provider), skipped when scripts/test.sh has not installed it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OidcProviderFactAttribute : FactAttribute
{
    public const string Variable = "CRMREC_TEST_OIDC_PROVIDER";

    public OidcProviderFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: run scripts/test.sh, which installs oidc-provider with npm into .tools/oidc-provider and sets it (or source scripts/services.sh and call services_start).";
        }
    }

    /// <summary>The folder npm installed oidc-provider into.</summary>
    public static string Directory => Environment.GetEnvironmentVariable(Variable)!;
}
