namespace CrmRecording.Cli.Tests.Vault;

/// <summary>Needs the Azurite that scripts/test.sh starts (<c>CRMREC_TEST_AZURITE_BLOB</c>); skipped without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CRMREC_TEST_AZURITE_BLOB")))
        {
            Skip = "CRMREC_TEST_AZURITE_BLOB is not set: run scripts/test.sh, which starts Azurite.";
        }
    }

    /// <summary>The emulator's path-style blob endpoint, e.g. http://127.0.0.1:10000/devstoreaccount1.</summary>
    public static Uri Endpoint => new(Environment.GetEnvironmentVariable("CRMREC_TEST_AZURITE_BLOB")!);
}
