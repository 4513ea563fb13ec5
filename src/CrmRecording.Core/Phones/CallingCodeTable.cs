using System.Collections.Frozen;
using System.Globalization;
using CrmRecording.Core.Data;

namespace CrmRecording.Core.Phones;

/// <summary>The ITU-T E.164 country calling code assignments, versioned and embedded.</summary>
public sealed class CallingCodeTable
{
    private static readonly Lazy<CallingCodeTable> Embedded = new(() => FromDataset(
        CsvDataset.LoadEmbedded("country-calling-codes.csv"), CsvDataset.LoadEmbedded("shared-calling-code-regions.csv")));

    private readonly FrozenDictionary<int, CallingCode> _byCode;
    private readonly FrozenDictionary<string, CallingCode> _byCountry;

    private CallingCodeTable(string version, IReadOnlyList<CallingCode> all)
    {
        Version = version;
        All = all;
        _byCode = all.ToFrozenDictionary(c => c.Code);
        var byCountry = new Dictionary<string, CallingCode>(StringComparer.Ordinal);
        foreach (var code in all)
        {
            foreach (var country in code.Countries)
            {
                byCountry.TryAdd(country, code);
            }
        }

        _byCountry = byCountry.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static CallingCodeTable Default => Embedded.Value;

    public string Version { get; }

    public IReadOnlyList<CallingCode> All { get; }

    /// <summary>Every ISO 3166-1 alpha-2 country that has a calling code.</summary>
    public IEnumerable<string> Countries => _byCountry.Keys;

    public bool TryGetByCountry(string isoCountry, out CallingCode callingCode) =>
        _byCountry.TryGetValue(isoCountry.ToUpperInvariant(), out callingCode!);

    /// <summary>Finds the calling code that starts <paramref name="digits"/>; E.164 codes are prefix-free, so at most one matches.</summary>
    public bool TryMatchPrefix(ReadOnlySpan<char> digits, out CallingCode callingCode)
    {
        var value = 0;
        if (digits.IsEmpty || digits[0] == '0')
        {
            // No calling code starts with 0; without this, "+0 41..." would be read as +41.
            callingCode = null!;
            return false;
        }

        for (var length = 1; length <= 3 && length <= digits.Length; length++)
        {
            value = (value * 10) + (digits[length - 1] - '0');
            if (_byCode.TryGetValue(value, out callingCode!))
            {
                return true;
            }
        }

        callingCode = null!;
        return false;
    }

    internal static CallingCodeTable FromDataset(CsvDataset data, CsvDataset sharedRegions)
    {
        var prefixes = ReadSharedRegions(sharedRegions);
        var list = new List<CallingCode>(data.Rows.Count);
        var seen = new HashSet<int>();
        foreach (var row in data.Rows)
        {
            if (!int.TryParse(row["calling_code"], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 1 or > 999)
            {
                throw row.Error($"calling code '{row["calling_code"]}' is not 1 to 3 digits.");
            }

            if (!seen.Add(code))
            {
                throw row.Error($"calling code {code} appears twice.");
            }

            var min = ReadLength(row, "min_nsn_length");
            var max = ReadLength(row, "max_nsn_length");
            if (min > max || max + code.ToString(CultureInfo.InvariantCulture).Length > 15)
            {
                throw row.Error($"lengths {min}..{max} are not possible under E.164 (15 digits at most).");
            }

            var countries = row["countries"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var geographic = row["kind"] switch
            {
                "geographic" => true,
                "non-geographic" => false,
                var other => throw row.Error($"kind '{other}' is not geographic or non-geographic."),
            };
            var shared = prefixes.Where(p => p.Code == code).Select(p => p.Region).ToArray();
            foreach (var region in shared)
            {
                if (Array.IndexOf(countries, region.Country) <= 0)
                {
                    throw row.Error($"{region.Country} has leading digits under +{code} but is not one of its other countries.");
                }
            }

            list.Add(new CallingCode(code, countries, min, max, row["trunk_prefix"], row["international_prefix"], geographic) { SharedRegions = shared });
        }

        return new CallingCodeTable($"{data.Version}/{sharedRegions.Version}", list);
    }

    private static List<(int Code, SharedRegion Region)> ReadSharedRegions(CsvDataset data)
    {
        var list = new List<(int, SharedRegion)>();
        foreach (var row in data.Rows)
        {
            if (!int.TryParse(row["calling_code"], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw row.Error($"calling code '{row["calling_code"]}' is not a number.");
            }

            var digits = row["leading_digits"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (digits.Any(d => !d.All(char.IsAsciiDigit)))
            {
                throw row.Error("leading_digits must be digit prefixes separated by spaces.");
            }

            list.Add((code, new SharedRegion(row["country"], digits)));
        }

        return list;
    }

    private static int ReadLength(CsvRow row, string column) =>
        int.TryParse(row[column], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 14
            ? n
            : throw row.Error($"{column} '{row[column]}' is not a length from 1 to 14.");
}
