using System.Collections.Frozen;
using System.Globalization;
using CrmRecording.Core.Data;

namespace CrmRecording.Core.Jurisdictions;

/// <summary>
/// The versioned table of recording-consent rules. The embedded edition is <see cref="Default"/>;
/// its <see cref="Version"/> is stamped on every decision.
/// </summary>
public sealed class JurisdictionCatalog
{
    private static readonly Lazy<JurisdictionCatalog> Embedded =
        new(() => FromDataset(CsvDataset.LoadEmbedded("jurisdictions.csv")));

    private readonly FrozenDictionary<string, Jurisdiction> _byCode;
    private readonly FrozenDictionary<string, Jurisdiction[]> _subdivisions;

    private JurisdictionCatalog(string version, IReadOnlyList<Jurisdiction> all)
    {
        Version = version;
        All = all;
        _byCode = all.ToFrozenDictionary(j => j.Code.Value, StringComparer.Ordinal);
        _subdivisions = all.Where(j => j.Code.IsSubdivision)
            .GroupBy(j => j.Code.Country, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public static JurisdictionCatalog Default => Embedded.Value;

    public string Version { get; }

    public IReadOnlyList<Jurisdiction> All { get; }

    public bool TryGet(JurisdictionCode code, out Jurisdiction jurisdiction) =>
        _byCode.TryGetValue(code.Value, out jurisdiction!);

    /// <summary>The row for <paramref name="code"/>, or an unlisted stand-in treated as <see cref="ConsentRule.Ambiguous"/>.</summary>
    public Jurisdiction GetOrUnlisted(JurisdictionCode code) =>
        TryGet(code, out var j) ? j : Unlisted(code);

    /// <summary>Subdivisions of a country that have rows of their own (US states, Canadian provinces, Australian states).</summary>
    public IReadOnlyList<Jurisdiction> SubdivisionsOf(string country) =>
        _subdivisions.TryGetValue(country, out var list) ? list : [];

    /// <summary>
    /// True when the country's law is the same everywhere in it: none of its subdivisions has a row with another
    /// rule. A number that says only "somewhere in this country" then still says which law applies.
    /// </summary>
    public bool HasOneLaw(string country)
    {
        var national = TryGet(JurisdictionCode.Parse(country), out var row) ? row.Rule : ConsentRule.Ambiguous;
        return SubdivisionsOf(country).All(s => s.Rule == national);
    }

    public static Jurisdiction Unlisted(JurisdictionCode code) => new(
        code,
        code.Value,
        code.Country,
        ConsentRule.Ambiguous,
        "none on file",
        "No rule is on file for this place, so it is treated as strictly as the strictest rule.",
        [],
        default)
    { IsUnlisted = true };

    internal static JurisdictionCatalog FromDataset(CsvDataset data)
    {
        var rows = new List<Jurisdiction>(data.Rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in data.Rows)
        {
            if (!JurisdictionCode.TryParse(row["code"], out var code))
            {
                throw row.Error($"'{row["code"]}' is not an ISO 3166 code.");
            }

            if (!seen.Add(code.Value))
            {
                throw row.Error($"{code} appears twice.");
            }

            if (!ConsentRuleNames.TryParse(row["rule"], out var rule))
            {
                throw row.Error($"rule '{row["rule"]}' is not one of {ConsentRuleNames.Allowed}.");
            }

            if (!DateOnly.TryParseExact(row["reviewed"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reviewed))
            {
                throw row.Error($"reviewed '{row["reviewed"]}' is not a yyyy-MM-dd date.");
            }

            var country = row["country"];
            if (country != code.Country)
            {
                throw row.Error($"country '{country}' does not match code {code}.");
            }

            var sources = row["sources"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(new Jurisdiction(code, row["name"], country, rule, row["statute"], row["note"], sources, reviewed));
        }

        return new JurisdictionCatalog(data.Version, rows);
    }
}
