using System.Text.Json;

namespace CrmRecording.Telephony;

/// <summary>
/// The versioned texts spoken on calls, per language. The built-in catalog is embedded; an organisation can
/// load its own reviewed wording with <see cref="Load"/>. A catalog must carry a version and every kind in
/// en-US, the language every lookup falls back to; other languages may hold a subset.
/// </summary>
public sealed class DisclosureCatalog
{
    /// <summary>The language every lookup ends with, and so the one that must be complete.</summary>
    public const string FallbackLanguage = "en-US";

    private static readonly Lazy<DisclosureCatalog> BuiltIn = new(LoadEmbedded);

    private readonly Dictionary<string, Dictionary<string, string>> texts;

    private DisclosureCatalog(string version, Dictionary<string, Dictionary<string, string>> texts)
    {
        Version = version;
        this.texts = texts;
    }

    /// <summary>The catalog shipped with the product.</summary>
    public static DisclosureCatalog Default => BuiltIn.Value;

    /// <summary>The version stamped on every text, e.g. <c>2026.11.1</c>.</summary>
    public string Version { get; }

    /// <summary>The languages with at least one text, e.g. en-US, es-US, fr-CA.</summary>
    public IReadOnlyCollection<string> Languages => texts.Keys;

    /// <summary>
    /// Reads <c>{"version":"...","languages":{"en-US":{"notice":"...",...},...}}</c>; throws
    /// <see cref="FormatException"/> naming what is missing or unknown.
    /// </summary>
    public static DisclosureCatalog Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The disclosure catalog is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>
    /// The text of <paramref name="kind"/> in <paramref name="language"/>, else in its base language (es for
    /// es-MX), else in another variant of it (es-US), else in en-US. The result names the language it is in.
    /// </summary>
    public DisclosureText Get(string kind, string language)
    {
        if (!DisclosureKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown disclosure kind '{kind}'; expected one of {string.Join(", ", DisclosureKinds.All)}.", nameof(kind));
        }

        foreach (var candidate in Candidates(language ?? FallbackLanguage))
        {
            if (texts.TryGetValue(candidate, out var byKind) && byKind.TryGetValue(kind, out var text))
            {
                return new DisclosureText(kind, candidate, Version, text);
            }
        }

        // Unreachable: Read refuses a catalog whose fallback language lacks a kind.
        throw new InvalidOperationException($"Disclosure '{kind}' is missing in {FallbackLanguage}.");
    }

    private IEnumerable<string> Candidates(string language)
    {
        var match = texts.Keys.FirstOrDefault(k => string.Equals(k, language, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            yield return match;
        }

        var baseLanguage = language.Split('-')[0];
        var variants = texts.Keys
            .Where(k => string.Equals(k, baseLanguage, StringComparison.OrdinalIgnoreCase)
                || k.StartsWith(baseLanguage + "-", StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.Length)
            .ThenBy(k => k, StringComparer.Ordinal);
        foreach (var variant in variants)
        {
            yield return variant;
        }

        yield return FallbackLanguage;
    }

    private static DisclosureCatalog Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The disclosure catalog must be a JSON object with \"version\" and \"languages\".");
        }

        if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            throw new FormatException("The disclosure catalog has no \"version\": set one (e.g. \"2026.11.1\") so every consent record names the wording it used.");
        }

        if (!root.TryGetProperty("languages", out var languages) || languages.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The disclosure catalog has no \"languages\" object.");
        }

        var texts = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in languages.EnumerateObject())
        {
            texts[language.Name] = ReadLanguage(language);
        }

        var fallback = texts.GetValueOrDefault(FallbackLanguage) ?? [];
        var missing = DisclosureKinds.All.Where(k => !fallback.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"The disclosure catalog lacks {string.Join(", ", missing.Select(k => $"\"{k}\""))} in {FallbackLanguage}, the language every other falls back to.");
        }

        return new DisclosureCatalog(v.GetString()!, texts);
    }

    private static Dictionary<string, string> ReadLanguage(JsonProperty language)
    {
        if (language.Value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Language \"{language.Name}\" must map kinds to texts.");
        }

        var byKind = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in language.Value.EnumerateObject())
        {
            if (!DisclosureKinds.All.Contains(entry.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"Language \"{language.Name}\" has an unknown kind \"{entry.Name}\"; expected one of {string.Join(", ", DisclosureKinds.All)}.");
            }

            if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.Value.GetString()))
            {
                throw new FormatException($"\"{entry.Name}\" in \"{language.Name}\" must be a non-empty text.");
            }

            byKind[entry.Name] = entry.Value.GetString()!.Trim();
        }

        return byKind;
    }

    private static DisclosureCatalog LoadEmbedded()
    {
        using var stream = typeof(DisclosureCatalog).Assembly.GetManifestResourceStream("CrmRecording.Telephony.disclosures.json")
            ?? throw new InvalidOperationException("The embedded disclosure catalog is missing from the assembly.");
        return Load(stream);
    }
}
