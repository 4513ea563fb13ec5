using System.Collections.Frozen;
using CrmRecording.Core.Data;
using CrmRecording.Core.Jurisdictions;

namespace CrmRecording.Core.Phones;

/// <summary>NANP area code assignments (NANPA), versioned and embedded.</summary>
public sealed class NanpAreaCodeTable
{
    private static readonly Lazy<NanpAreaCodeTable> Embedded =
        new(() => FromDataset(CsvDataset.LoadEmbedded("nanp-area-codes.csv")));

    // Indexed by the three digits as a number, so a lookup from a span allocates nothing.
    private readonly NanpAreaCode?[] _byNumber = new NanpAreaCode?[1000];

    private NanpAreaCodeTable(string version, IReadOnlyList<NanpAreaCode> all)
    {
        Version = version;
        All = all;
        foreach (var code in all)
        {
            _byNumber[int.Parse(code.Code, provider: null)] = code;
        }
    }

    public static NanpAreaCodeTable Default => Embedded.Value;

    public string Version { get; }

    public IReadOnlyList<NanpAreaCode> All { get; }

    public bool TryGet(ReadOnlySpan<char> areaCode, out NanpAreaCode code)
    {
        code = null!;
        if (areaCode.Length != 3 || !char.IsAsciiDigit(areaCode[0]) || !char.IsAsciiDigit(areaCode[1]) || !char.IsAsciiDigit(areaCode[2]))
        {
            return false;
        }

        var found = _byNumber[((areaCode[0] - '0') * 100) + ((areaCode[1] - '0') * 10) + (areaCode[2] - '0')];
        code = found!;
        return found is not null;
    }

    internal static NanpAreaCodeTable FromDataset(CsvDataset data)
    {
        var kinds = new Dictionary<string, NanpAreaCodeKind>(StringComparer.Ordinal)
        {
            ["geographic"] = NanpAreaCodeKind.Geographic,
            ["overlay"] = NanpAreaCodeKind.Overlay,
            ["toll-free"] = NanpAreaCodeKind.TollFree,
            ["personal-communications"] = NanpAreaCodeKind.PersonalCommunications,
            ["premium"] = NanpAreaCodeKind.Premium,
            ["non-geographic"] = NanpAreaCodeKind.NonGeographic,
        }.ToFrozenDictionary();
        var list = new List<NanpAreaCode>(data.Rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in data.Rows)
        {
            var code = row["area_code"];
            if (code.Length != 3 || !code.All(char.IsAsciiDigit) || code[0] < '2')
            {
                throw row.Error($"area code '{code}' is not three digits starting 2-9.");
            }

            if (!seen.Add(code))
            {
                throw row.Error($"area code {code} appears twice.");
            }

            if (!kinds.TryGetValue(row["kind"], out var kind))
            {
                throw row.Error($"kind '{row["kind"]}' is not one of {string.Join(", ", kinds.Keys)}.");
            }

            var regions = row["region"].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(r => JurisdictionCode.TryParse(r, out var j) ? j : throw row.Error($"region '{r}' is not an ISO 3166 code."))
                .ToArray();
            var geographic = kind is NanpAreaCodeKind.Geographic or NanpAreaCodeKind.Overlay;
            if (geographic != (regions.Length > 0))
            {
                throw row.Error(geographic ? "a geographic code needs a region." : "a non-geographic code has no region.");
            }

            list.Add(new NanpAreaCode(code, regions, kind, row["note"]));
        }

        return new NanpAreaCodeTable(data.Version, list);
    }
}
