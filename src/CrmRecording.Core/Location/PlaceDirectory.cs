using System.Collections.Frozen;
using CrmRecording.Core.Data;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Location;

/// <summary>
/// Turns what CRM address fields and users write ("California", "CA", "Calif.", "US-CA", "Québec",
/// "United Kingdom", "USA") into jurisdiction codes. A state abbreviation shared by two countries
/// ("WA": Washington and Western Australia) resolves to both when the country is not known.
/// </summary>
public sealed class PlaceDirectory
{
    private static readonly Lazy<PlaceDirectory> Embedded = new(() => new PlaceDirectory(
        JurisdictionCatalog.Default,
        CallingCodeTable.Default,
        NanpAreaCodeTable.Default,
        CsvDataset.LoadEmbedded("countries.csv"),
        CsvDataset.LoadEmbedded("place-aliases.csv")));

    // ISO 3166-1 codes of US territories that ISO 3166-2:US also lists as subdivisions; the rules
    // table and the area codes place them as US-PR etc., so an address naming the country is read the same way.
    private static readonly FrozenDictionary<string, JurisdictionCode> UsTerritories = new Dictionary<string, JurisdictionCode>
    {
        ["PR"] = JurisdictionCode.Parse("US-PR"),
        ["GU"] = JurisdictionCode.Parse("US-GU"),
        ["VI"] = JurisdictionCode.Parse("US-VI"),
        ["AS"] = JurisdictionCode.Parse("US-AS"),
        ["MP"] = JurisdictionCode.Parse("US-MP"),
        ["UM"] = JurisdictionCode.Parse("US-UM"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenSet<string> _countries;
    private readonly FrozenDictionary<string, JurisdictionCode> _territories;
    private readonly FrozenDictionary<string, string> _displayNames;
    private readonly FrozenSet<string> _subdivisions;
    private readonly FrozenSet<string> _countriesWithSubdivisions;
    private readonly FrozenDictionary<string, JurisdictionCode[]> _regionsByName;
    private readonly FrozenDictionary<string, JurisdictionCode> _countryByName;

    internal PlaceDirectory(JurisdictionCatalog catalog, CallingCodeTable callingCodes, NanpAreaCodeTable areaCodes, CsvDataset countryNames, CsvDataset aliases)
    {
        Version = $"{countryNames.Version}/{aliases.Version}";
        var countries = new HashSet<string>(callingCodes.Countries, StringComparer.Ordinal);
        var subdivisions = new HashSet<string>(StringComparer.Ordinal);
        var names = new Dictionary<string, HashSet<JurisdictionCode>>(StringComparer.OrdinalIgnoreCase);
        void AddName(string name, JurisdictionCode code)
        {
            var key = Normalize(name);
            if (!names.TryGetValue(key, out var set))
            {
                names[key] = set = [];
            }

            set.Add(code);
        }

        var display = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in countryNames.Rows)
        {
            var code = JurisdictionCode.Parse(row["code"]);
            countries.Add(code.Value);
            display[code.Value] = row["name"];
            AddName(row["name"], code);
        }

        foreach (var j in catalog.All)
        {
            (j.Code.IsSubdivision ? subdivisions : countries).Add(j.Code.Value);
            AddName(StripQualifier(j.Name), j.Code);
            if (j.Code.IsSubdivision)
            {
                AddName(j.Code.Value[3..], j.Code);
            }
        }

        foreach (var region in areaCodes.All.SelectMany(a => a.Regions).Where(r => r.IsSubdivision))
        {
            if (subdivisions.Add(region.Value))
            {
                AddName(region.Value[3..], region);
            }
        }

        foreach (var row in aliases.Rows)
        {
            AddName(row["alias"], JurisdictionCode.Parse(row["code"]));
        }

        _countries = countries.ToFrozenSet(StringComparer.Ordinal);
        _displayNames = display.ToFrozenDictionary(StringComparer.Ordinal);
        _territories = UsTerritories.Where(t => subdivisions.Contains(t.Value.Value)).ToFrozenDictionary(StringComparer.Ordinal);
        _subdivisions = subdivisions.ToFrozenSet(StringComparer.Ordinal);
        _countriesWithSubdivisions = catalog.All.Where(j => j.Code.IsSubdivision).Select(j => j.Code.Country).ToFrozenSet(StringComparer.Ordinal);
        _regionsByName = names
            .Select(p => (p.Key, Regions: p.Value.Where(c => c.IsSubdivision).OrderBy(c => c.Value, StringComparer.Ordinal).ToArray()))
            .Where(p => p.Regions.Length > 0)
            .ToFrozenDictionary(p => p.Key, p => p.Regions, StringComparer.OrdinalIgnoreCase);
        _countryByName = names
            .Select(p => (p.Key, Countries: p.Value.Where(c => !c.IsSubdivision).ToArray()))
            .Where(p => p.Countries.Length == 1)
            .ToFrozenDictionary(p => p.Key, p => p.Countries[0], StringComparer.OrdinalIgnoreCase);
    }

    public static PlaceDirectory Default => Embedded.Value;

    public string Version { get; }

    /// <summary>True when <paramref name="code"/> names a country or subdivision we know, with or without a rule on file.</summary>
    public bool IsKnown(JurisdictionCode code) =>
        code.IsSubdivision ? _subdivisions.Contains(code.Value) : _countries.Contains(code.Value);

    /// <summary>The English short name of a country (ISO 3166-1), or the code when it has none on file.</summary>
    public string NameOf(JurisdictionCode code) => _displayNames.GetValueOrDefault(code.Value, code.Value);

    /// <summary>True when the country's subdivisions have rules of their own (US, CA, AU), so a state or province matters.</summary>
    public bool HasSubdivisions(JurisdictionCode country) => _countriesWithSubdivisions.Contains(country.Country);

    /// <summary>Reads a country as ISO code or name ("US", "USA", "United States", "Deutschland").</summary>
    public bool TryResolveCountry(string? text, out JurisdictionCode country)
    {
        country = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Trim().Length == 2 && JurisdictionCode.TryParse(text, out var code) && _countries.Contains(code.Value))
        {
            country = code;
            return true;
        }

        return Find(_countryByName, text, out country);
    }

    /// <summary>Where an address country puts the customer: the country itself, or the US subdivision for a US territory (PR → US-PR).</summary>
    public JurisdictionCode PlaceOfCountry(JurisdictionCode country) =>
        _territories.TryGetValue(country.Value, out var territory) ? territory : country;

    /// <summary>
    /// Reads a state or province ("CA", "California", "US-CA"). With a country, only that country's
    /// subdivisions match; without one, every match is returned (more than one when the name is shared).
    /// </summary>
    public IReadOnlyList<JurisdictionCode> ResolveRegion(string? text, JurisdictionCode? country = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (JurisdictionCode.TryParse(text, out var code) && code.IsSubdivision)
        {
            return IsKnown(code) && (country is null || code.Country == country.Value.Country) ? [code] : [];
        }

        if (!Find(_regionsByName, text, out var found))
        {
            return [];
        }

        if (country is null || (found.Length == 1 && found[0].Country == country.Value.Country))
        {
            return found;
        }

        return Array.FindAll(found, c => c.Country == country.Value.Country);
    }

    /// <summary>Looks a name up ignoring case and surrounding or repeated whitespace; allocates only for repeated whitespace.</summary>
    private static bool Find<T>(FrozenDictionary<string, T> names, string text, out T value)
    {
        var span = text.AsSpan().Trim();
        if (span.IndexOf("  ", StringComparison.Ordinal) >= 0 || span.ContainsAny('\t', '\u00A0'))
        {
            return names.TryGetValue(Normalize(text), out value!);
        }

        return names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(span, out value!);
    }

    private static string StripQualifier(string name)
    {
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
}
