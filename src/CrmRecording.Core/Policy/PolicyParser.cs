using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Policy;

/// <summary>
/// Reads a sales-ops policy file (JSON). Strict: an unknown key or a bad value is an error that names
/// the key, because a silently ignored typo in a compliance policy is a fine waiting to happen.
/// </summary>
public static class PolicyParser
{
    private static readonly string[] Keys =
    [
        "$schema", "description", "version", "alwaysAnnounce", "allPartyMode", "unknownLocation",
        "consentValidityDays", "recordingRegion", "overrides", "allowRelaxing",
    ];

    private static readonly string[] OverrideKeys = ["code", "rule", "reason", "name"];

    public static PolicyParseResult Parse(string json, JurisdictionCatalog catalog)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return Fail($"the policy is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            try
            {
                return new PolicyParseResult(Read(document.RootElement, catalog, json), null);
            }
            catch (PolicyException ex)
            {
                return Fail(ex.Message);
            }
        }
    }

    private static RecordingPolicy Read(JsonElement root, JurisdictionCatalog catalog, string json)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyException("the policy must be a JSON object.");
        }

        CheckKeys(root, Keys, string.Empty);
        var policy = RecordingPolicy.Default;
        var version = "unversioned";
        foreach (var property in root.EnumerateObject())
        {
            var key = property.Name;
            var value = property.Value;
            policy = key switch
            {
                "alwaysAnnounce" => policy with { AlwaysAnnounce = Bool(key, value) },
                "allowRelaxing" => policy with { AllowRelaxing = Bool(key, value) },
                "allPartyMode" => policy with
                {
                    AllPartyMode = String(key, value) switch
                    {
                        "explicit-consent" => AllPartyMode.ExplicitConsent,
                        "notice" => AllPartyMode.Notice,
                        var other => throw new PolicyException($"allPartyMode: '{other}' is not \"explicit-consent\" or \"notice\"."),
                    },
                },
                "unknownLocation" => policy with
                {
                    UnknownLocation = String(key, value) switch
                    {
                        "record-after-consent" => RecordingOutcome.RecordAfterConsent,
                        "do-not-record" => RecordingOutcome.DoNotRecord,
                        var other => throw new PolicyException($"unknownLocation: '{other}' is not \"record-after-consent\" or \"do-not-record\"."),
                    },
                },
                "consentValidityDays" => policy with
                {
                    ConsentValidityDays = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days) && days is >= 0 and <= 36500
                        ? days
                        : throw new PolicyException("consentValidityDays: must be a whole number of days from 0 to 36500."),
                },
                "recordingRegion" => policy with
                {
                    RecordingRegion = JurisdictionCode.TryParse(String(key, value), out var region)
                        ? region
                        : throw new PolicyException($"recordingRegion: '{value}' is not an ISO 3166 code such as US-VA or IE."),
                },
                "overrides" => policy with { Overrides = Overrides(value) },
                "version" => policy,
                _ => policy,
            };

            if (key == "version")
            {
                version = String(key, value);
            }
        }

        CheckRelaxing(policy, catalog);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        return policy with { Version = $"{version}+sha256:{hash}" };
    }

    private static List<RuleOverride> Overrides(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new PolicyException("overrides: must be an array of { \"code\", \"rule\", \"reason\" } objects.");
        }

        var list = new List<RuleOverride>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"overrides[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyException($"{at}: must be an object with code, rule and reason.");
            }

            CheckKeys(item, OverrideKeys, at + ".");
            var codeText = Required(item, "code", at);
            if (!JurisdictionCode.TryParse(codeText, out var code))
            {
                throw new PolicyException($"{at}.code: '{codeText}' is not an ISO 3166 code such as US-TX or DE.");
            }

            var ruleText = Required(item, "rule", at);
            if (!ConsentRuleNames.TryParse(ruleText, out var rule))
            {
                throw new PolicyException($"{at}.rule: '{ruleText}' is not one of {ConsentRuleNames.Allowed}.");
            }

            var reason = Required(item, "reason", at);
            var name = item.TryGetProperty("name", out var n) ? String($"{at}.name", n) : null;
            if (list.Exists(o => o.Code == code))
            {
                throw new PolicyException($"{at}.code: {code} is overridden twice.");
            }

            list.Add(new RuleOverride(code, rule, reason, name));
        }

        return list;
    }

    private static void CheckRelaxing(RecordingPolicy policy, JurisdictionCatalog catalog)
    {
        if (policy.AllowRelaxing)
        {
            return;
        }

        for (var i = 0; i < policy.Overrides.Count; i++)
        {
            var o = policy.Overrides[i];
            if (catalog.TryGet(o.Code, out var row) && o.Rule < row.Rule)
            {
                throw new PolicyException(
                    $"overrides[{i}].rule: {o.Rule.ToWireName()} for {o.Code} is less strict than the law on file ({row.Rule.ToWireName()}, {row.Statute}); " +
                    "set \"allowRelaxing\": true if counsel has approved this.");
            }
        }
    }

    private static void CheckKeys(JsonElement obj, string[] allowed, string prefix)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw new PolicyException($"{prefix}{property.Name}: unknown key; allowed keys are {string.Join(", ", allowed.Where(k => k[0] != '$'))}.");
            }
        }
    }

    private static string Required(JsonElement obj, string key, string at) =>
        obj.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new PolicyException($"{at}.{key}: required, a non-empty string.");

    private static bool Bool(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new PolicyException($"{key}: must be true or false, not {value.GetRawText()}."),
    };

    private static string String(string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PolicyException($"{key}: must be a string, not {value.GetRawText()}.");

    private static PolicyParseResult Fail(string message) => new(null, message);

    private sealed class PolicyException(string message) : Exception(message);
}
