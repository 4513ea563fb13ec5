using System.Text.RegularExpressions;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>A bulk action bound to an entity set: <c>contacts/Microsoft.Dynamics.CRM.UpdateMultiple</c>.</summary>
internal sealed partial record BulkAction(string EntitySet, string Name)
{
    public const string UpdateMultiple = "UpdateMultiple";

    public static BulkAction? Parse(string path) =>
        Pattern().Match(path) is { Success: true } m ? new BulkAction(m.Groups["set"].Value, m.Groups["action"].Value) : null;

    [GeneratedRegex(@"^(?<set>[A-Za-z_][A-Za-z0-9_]*)/Microsoft\.Dynamics\.CRM\.(?<action>[A-Za-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
