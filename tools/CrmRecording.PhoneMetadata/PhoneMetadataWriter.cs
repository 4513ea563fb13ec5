using System.Globalization;
using System.Reflection;
using System.Text;
using PhoneNumbers;
using LibMetadata = PhoneNumbers.PhoneMetadata;

namespace CrmRecording.PhoneMetadata;

/// <summary>
/// Turns libphonenumber's metadata into the project's compact table: per region, the calling code, the
/// international and national prefixes, the leading digits, and every number type's pattern and lengths.
/// The output is deterministic, so a test can tell when the package's metadata and the committed file part.
/// </summary>
public static class PhoneMetadataWriter
{
    /// <summary>The number types in the order the table lists them, with the metadata each is read from.</summary>
    private static readonly (string Name, Func<LibMetadata, PhoneNumberDesc?> Desc)[] Types =
    [
        ("general", m => m.GeneralDesc),
        ("fixed_line", m => m.FixedLine),
        ("mobile", m => m.Mobile),
        ("toll_free", m => m.TollFree),
        ("premium_rate", m => m.PremiumRate),
        ("shared_cost", m => m.SharedCost),
        ("personal_number", m => m.PersonalNumber),
        ("voip", m => m.Voip),
        ("pager", m => m.Pager),
        ("uan", m => m.Uan),
        ("voicemail", m => m.Voicemail),
    ];

    /// <summary>The libphonenumber release whose metadata this is, e.g. <c>9.0.43</c>.</summary>
    public static string Version
    {
        get
        {
            var informational = typeof(PhoneNumberUtil).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(PhoneNumberUtil).Assembly.GetName().Version!.ToString(3);
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }
    }

    public static string Generate()
    {
        var util = PhoneNumberUtil.GetInstance();
        var sb = new StringBuilder();
        sb.Append("# dataset: phone-metadata\n");
        sb.Append(CultureInfo.InvariantCulture, $"# version: libphonenumber {Version}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# source: Google libphonenumber metadata (resources/PhoneNumberMetadata.xml) as shipped in the libphonenumber-csharp {Version} NuGet package\n");
        sb.Append("# generated: by tools/CrmRecording.PhoneMetadata (scripts/phone-metadata.sh); do not edit by hand, regenerate when the package is updated\n");
        sb.Append("# note: one row per field; the regions of a calling code are listed in libphonenumber's order, main country first, and that order decides which region a number shared by several belongs to\n");
        sb.Append("# note: region 001 is a non-geographic entity (+800 freephone, +808 shared cost, +870 Inmarsat, ...)\n");
        sb.Append("# note: patterns are libphonenumber's regular expressions over the national significant number; lengths are the possible lengths, local_lengths those dialable only locally\n");
        sb.Append("region,calling_code,field,value\n");
        foreach (var code in util.GetSupportedCallingCodes().OrderBy(c => c))
        {
            var regions = util.GetRegionCodesForCountryCode(code);
            if (regions.Count == 1 && regions[0] == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY)
            {
                Write(sb, "001", code, util.GetMetadataForNonGeographicalRegion(code));
                continue;
            }

            foreach (var region in regions)
            {
                Write(sb, region, code, util.GetMetadataForRegion(region));
            }
        }

        return sb.ToString();
    }

    private static void Write(StringBuilder sb, string region, int code, LibMetadata m)
    {
        void Row(string field, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{region},{code},{field},{Quote(value)}\n");
            }
        }

        Row("international_prefix", m.InternationalPrefix);
        Row("preferred_international_prefix", m.PreferredInternationalPrefix);
        Row("national_prefix", m.NationalPrefix);
        Row("national_prefix_for_parsing", m.NationalPrefixForParsing);
        Row("national_prefix_transform_rule", m.NationalPrefixTransformRule);
        Row("leading_digits", m.LeadingDigits);
        Row("same_mobile_and_fixed_line_pattern", m.SameMobileAndFixedLinePattern ? "true" : null);
        foreach (var (name, desc) in Types)
        {
            var d = desc(m);
            if (d is null || !d.HasNationalNumberPattern)
            {
                continue;
            }

            Row(name, d.NationalNumberPattern);
            Row(name + ".lengths", Lengths(d.PossibleLengthList));
            Row(name + ".local_lengths", Lengths(d.PossibleLengthLocalOnlyList));
        }
    }

    private static string Lengths(IEnumerable<int> lengths) =>
        string.Join(' ', lengths.Where(l => l > 0).Select(l => l.ToString(CultureInfo.InvariantCulture)));

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
