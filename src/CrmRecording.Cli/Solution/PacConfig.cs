using System.Text.Json;

namespace CrmRecording.Cli.Solution;

/// <summary>
/// pac.config at the repository root: the solution's identity, the target environment, the webhook the
/// steps run on, and where the unpacked source lives. Keys are documented in solution-package/README.md.
/// </summary>
internal sealed record PacConfig(
    string Path,
    SolutionIdentity Identity,
    Uri? EnvironmentUrl,
    string ServiceEndpointName,
    string SourceFolder)
{
    public const string FileName = "pac.config";

    /// <summary>The folder pac.config is in; relative paths in it are resolved from here.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Finds pac.config in <paramref name="startDirectory"/> or the nearest folder above it.</summary>
    public static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <exception cref="UsageException">The file cannot be read or a key is missing or malformed; the message names the key.</exception>
    public static PacConfig Load(string path)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }

        using (json)
        {
            var root = json.RootElement;
            var solution = Object(root, "solution", path);
            var versionText = String(solution, "solution.version", "version", path);
            if (!SolutionVersion.TryParse(versionText, out var version))
            {
                throw new UsageException($"{path}: solution.version: '{versionText}' is not a version; write it as {SolutionVersion.Format}.");
            }

            var prefix = String(solution, "solution.customizationPrefix", "customizationPrefix", path);
            if (prefix.Length is < 2 or > 8 || !prefix.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(prefix[0]))
            {
                throw new UsageException($"{path}: solution.customizationPrefix: '{prefix}' must be 2 to 8 letters or digits, starting with a letter.");
            }

            if (!solution.TryGetProperty("customizationOptionValuePrefix", out var optionPrefix)
                || optionPrefix.ValueKind != JsonValueKind.Number || !optionPrefix.TryGetInt32(out var optionValuePrefix)
                || optionValuePrefix is < 10_000 or > 99_999)
            {
                throw new UsageException($"{path}: solution.customizationOptionValuePrefix: must be a number from 10000 to 99999.");
            }

            var identity = new SolutionIdentity(
                String(solution, "solution.uniqueName", "uniqueName", path),
                String(solution, "solution.displayName", "displayName", path),
                version,
                String(solution, "solution.publisherUniqueName", "publisherUniqueName", path),
                prefix,
                optionValuePrefix);
            var webhook = Object(root, "webhook", path);
            return new PacConfig(
                System.IO.Path.GetFullPath(path),
                identity,
                ReadEnvironmentUrl(root, path),
                String(webhook, "webhook.serviceEndpoint", "serviceEndpoint", path),
                String(root, "sourceFolder", "sourceFolder", path));
        }
    }

    private static Uri? ReadEnvironmentUrl(JsonElement root, string path)
    {
        if (!root.TryGetProperty("environmentUrl", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new UsageException($"{path}: environmentUrl: '{text ?? value.ToString()}' is not an https URL (e.g. https://yourorg.crm.dynamics.com).");
    }

    private static JsonElement Object(JsonElement parent, string key, string path) =>
        parent.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new UsageException($"{path}: {key}: missing; it must be an object (see solution-package/README.md).");

    private static string String(JsonElement parent, string key, string property, string path) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : throw new UsageException($"{path}: {key}: missing or empty; it must be a string (see solution-package/README.md).");
}
