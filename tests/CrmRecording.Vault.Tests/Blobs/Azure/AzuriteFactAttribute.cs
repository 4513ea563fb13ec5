namespace CrmRecording.Vault.Tests.Blobs.Azure;

/// <summary>A test against the real Azurite blob emulator, skipped when scripts/test.sh has not started one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteFactAttribute : FactAttribute
{
    public const string Variable = "CRMREC_TEST_AZURITE_BLOB";

    public AzuriteFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: run scripts/test.sh, which starts Azurite and sets it (or source scripts/services.sh and call services_start).";
        }
    }

    /// <summary>The emulator's path-style blob endpoint, e.g. http://127.0.0.1:10000/devstoreaccount1.</summary>
    public static Uri Endpoint => new(Environment.GetEnvironmentVariable(Variable)!);
}
