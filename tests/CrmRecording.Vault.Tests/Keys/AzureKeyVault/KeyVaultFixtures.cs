using System.Text.Json.Nodes;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>
/// Microsoft's documented Key Vault examples and error bodies, kept in <c>Fixtures/</c> (sources in its README.md).
/// </summary>
internal static class KeyVaultFixtures
{
    public const string MyVault = "https://myvault.vault.azure.net/";
    public const string WrapExample = "wrapKey-example.json";
    public const string UnwrapExample = "unwrapKey-example.json";
    public const string GetKeyExample = "GetKey-example.json";
    public const string KeyNotFound = "error-404-KeyNotFound.json";
    public const string ForbiddenByRbac = "error-403-ForbiddenByRbac.json";
    public const string Unauthorized = "error-401-Unauthorized.json";
    public const string MissingToken = "error-401-MissingToken.json";
    public const string Throttled = "error-429-Throttled.json";
    public const string BadParameter = "error-400-BadParameter.json";

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory(), name));

    /// <summary>The <c>parameters.parameters.value</c> a documented example sent.</summary>
    public static string RequestValue(string example) =>
        Example(example)["parameters"]!["parameters"]!["value"]!.GetValue<string>();

    /// <summary>The <c>responses.200.body</c> a documented example received, as the service sent it.</summary>
    public static string ResponseBody(string example) => Example(example)["responses"]!["200"]!["body"]!.ToJsonString();

    public static string ResponseField(string example, params string[] path) =>
        path.Aggregate(Example(example)["responses"]!["200"]!["body"]!, (node, step) => node[step]!).GetValue<string>();

    private static JsonNode Example(string name) => JsonNode.Parse(Read(name))!;

    // The project copies Fixtures/ next to the test assembly.
    private static string Directory() => Path.Combine(AppContext.BaseDirectory, "Keys", "AzureKeyVault", "Fixtures");
}
