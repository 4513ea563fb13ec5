using System.Collections.Frozen;
using System.Globalization;
using CrmRecording.Core.Data;
using CrmRecording.Core.Phones.Numbering;

namespace CrmRecording.Core.Phones;

/// <summary>
/// Google libphonenumber's metadata as a versioned, embedded table (<c>phone-metadata.csv</c>, generated
/// from the libphonenumber-csharp package): the regions of every calling code, their dialling prefixes and
/// the patterns of each number type. Its <see cref="Version"/> is stamped on every decision.
/// </summary>
public sealed class PhoneNumberingPlan
{
    private static readonly Lazy<PhoneNumberingPlan> Embedded = new(() => FromDataset(CsvDataset.LoadEmbedded("phone-metadata.csv")));

    private readonly FrozenDictionary<string, NumberingRegion> _byRegion;
    private readonly NumberingRegion[]?[] _byCallingCode = new NumberingRegion[1000][];
    private readonly PhoneNumberInfo?[] _unclaimed = new PhoneNumberInfo[1000];

    private PhoneNumberingPlan(string version, IReadOnlyList<NumberingRegion> regions)
    {
        Version = version;
        var byRegion = new Dictionary<string, NumberingRegion>(StringComparer.Ordinal);
        foreach (var group in regions.GroupBy(r => r.CallingCode))
        {
            NumberingRegion[] shared = [.. group];
            _byCallingCode[group.Key] = shared;
            _unclaimed[group.Key] = new PhoneNumberInfo(null, shared[0].Code, PhoneNumberType.Unknown);
            foreach (var region in shared)
            {
                region.Infos = [.. Enum.GetValues<PhoneNumberType>().Select(t => new PhoneNumberInfo(region.Code, shared[0].Code, t))];
            }
        }

        foreach (var region in regions.Where(r => !r.IsNonGeographicEntity))
        {
            byRegion.Add(region.Code, region);
        }

        _byRegion = byRegion.ToFrozenDictionary(StringComparer.Ordinal);
        Regions = regions;
    }

    public static PhoneNumberingPlan Default => Embedded.Value;

    /// <summary>The edition of libphonenumber's metadata, e.g. <c>libphonenumber 9.0.43</c>.</summary>
    public string Version { get; }

    /// <summary>Every region with a plan (ISO 3166-1 alpha-2).</summary>
    public IEnumerable<string> RegionCodes => _byRegion.Keys;

    internal IReadOnlyList<NumberingRegion> Regions { get; }

    /// <summary>What the plan says about a number: its region and type, and so whether it is valid.</summary>
    public PhoneNumberInfo Analyze(E164Number number)
    {
        if (number.Info is { } known && ReferenceEquals(number.AnalyzedBy, this))
        {
            return known;
        }

        var regions = RegionsOf(number.CallingCode);
        if (regions is null)
        {
            return new PhoneNumberInfo(null, string.Empty, PhoneNumberType.Unknown);
        }

        var national = number.NationalSignificantNumber;
        foreach (var region in regions)
        {
            var type = region.TypeOf(national, out var leading);
            if (regions.Length == 1 || (region.LeadingDigits is null ? type != PhoneNumberType.Unknown : leading))
            {
                return region.Infos[(int)type];
            }
        }

        return _unclaimed[number.CallingCode]!;
    }

    internal bool TryGetRegion(string region, out NumberingRegion found) =>
        _byRegion.TryGetValue(region, out found!) || _byRegion.TryGetValue(region.Trim().ToUpperInvariant(), out found!);

    internal NumberingRegion[]? RegionsOf(int callingCode) =>
        callingCode is > 0 and < 1000 ? _byCallingCode[callingCode] : null;

    /// <summary>The calling code (1 to 3 digits, no leading 0) that starts <paramref name="digits"/>, or 0 (libphonenumber's extractCountryCode).</summary>
    internal int CallingCodeAt(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty || digits[0] == '0')
        {
            return 0;
        }

        var value = 0;
        for (var length = 1; length <= 3 && length <= digits.Length; length++)
        {
            value = (value * 10) + (digits[length - 1] - '0');
            if (_byCallingCode[value] is not null)
            {
                return value;
            }
        }

        return 0;
    }

    internal static PhoneNumberingPlan FromDataset(CsvDataset data)
    {
        var regions = new List<NumberingRegion>();
        var seen = new HashSet<(string, int)>();
        string? current = null;
        var code = 0;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Flush()
        {
            if (current is not null)
            {
                regions.Add(Build(current, code, fields));
            }

            fields.Clear();
        }

        foreach (var row in data.Rows)
        {
            var region = row["region"];
            if (!int.TryParse(row["calling_code"], NumberStyles.None, CultureInfo.InvariantCulture, out var callingCode) || callingCode is < 1 or > 999)
            {
                throw row.Error($"calling code '{row["calling_code"]}' is not 1 to 3 digits.");
            }

            if (region != current || callingCode != code)
            {
                Flush();
                if (!seen.Add((region, callingCode)) || (region.Length != 2 && region != "001"))
                {
                    throw row.Error($"region '{region}' under +{callingCode} is not a new ISO 3166-1 code or 001.");
                }

                (current, code) = (region, callingCode);
            }

            if (!fields.TryAdd(row["field"], row["value"]))
            {
                throw row.Error($"{row["field"]} appears twice for {region}.");
            }
        }

        Flush();
        return new PhoneNumberingPlan(data.Version, regions);
    }

    private static NumberingRegion Build(string region, int callingCode, Dictionary<string, string> fields)
    {
        var descs = new NumberDesc[NumberingRegion.TypeFields.Length];
        for (var i = 0; i < descs.Length; i++)
        {
            var name = NumberingRegion.TypeFields[i];
            descs[i] = fields.TryGetValue(name, out var pattern)
                ? new NumberDesc(pattern, Lengths(fields.GetValueOrDefault(name + ".lengths")), Lengths(fields.GetValueOrDefault(name + ".local_lengths")))
                : NumberDesc.None;
        }

        if (descs[NumberingRegion.GeneralTag].Pattern is null || descs[NumberingRegion.GeneralTag].Lengths == 0)
        {
            throw new InvalidDataException($"phone-metadata.csv: {region} (+{callingCode}) has no general pattern and lengths.");
        }

        return new NumberingRegion(region, callingCode, fields.ToFrozenDictionary(StringComparer.Ordinal), descs);
    }

    private static int Lengths(string? text)
    {
        var mask = 0;
        foreach (var part in (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            mask |= int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 32
                ? 1 << n
                : throw new InvalidDataException($"phone-metadata.csv: length '{part}' is not 1 to 31.");
        }

        return mask;
    }
}
