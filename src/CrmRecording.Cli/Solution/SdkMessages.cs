namespace CrmRecording.Cli.Solution;

/// <summary>
/// The sdkmessageid of the messages the steps use. These ids are the same in every Dataverse
/// organization (Microsoft Learn, "Table operations using the Organization service": Update is
/// 20bebb1b-ea3e-db11-86a7-000a3a5473e8), which is what lets a solution name them.
/// </summary>
internal static class SdkMessages
{
    private static readonly Dictionary<string, Guid> Ids = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Create"] = new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Update"] = new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
    };

    public static string Known => string.Join(", ", Ids.Keys);

    public static Guid? IdOf(string message) => Ids.TryGetValue(message, out var id) ? id : null;
}
