using System.Text.RegularExpressions;

namespace CrmRecording.Core.Phones.Numbering;

/// <summary>
/// One region of libphonenumber's metadata (a country, a territory sharing a calling code, or a
/// non-geographic entity under region <c>001</c>): how numbers are dialled into and inside it, and the
/// patterns of each number type. Patterns are compiled on first use, so a run that meets ten regions
/// compiles ten.
/// </summary>
internal sealed partial class NumberingRegion
{
    /// <summary>Tag bits of the automaton: 0 general, 1..10 the types in <see cref="TypeOrder"/>, 11 leading digits.</summary>
    internal const int GeneralTag = 0;
    internal const int LeadingTag = 11;

    /// <summary>The number types by tag, as the metadata file names them.</summary>
    internal static readonly string[] TypeFields =
        ["general", "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip", "pager", "uan", "voicemail"];

    private const int FixedLineTag = 1;
    private const int MobileTag = 2;

    /// <summary>libphonenumber's order of the tests in getNumberType: the special services first, fixed and mobile last.</summary>
    private static readonly (int Tag, PhoneNumberType Type)[] TypeOrder =
    [
        (4, PhoneNumberType.PremiumRate), (3, PhoneNumberType.TollFree), (5, PhoneNumberType.SharedCost), (7, PhoneNumberType.Voip),
        (6, PhoneNumberType.PersonalNumber), (8, PhoneNumberType.Pager), (9, PhoneNumberType.Uan), (10, PhoneNumberType.Voicemail),
    ];

    private const int MaxLength = 32;

    private readonly Lazy<DigitAutomaton> _automaton;
    private readonly Lazy<byte[]> _types;
    private readonly Lazy<PrefixRule?> _internationalPrefix;
    private readonly Lazy<PrefixRule?> _nationalPrefix;

    public NumberingRegion(string code, int callingCode, IReadOnlyDictionary<string, string> fields, NumberDesc[] descs)
    {
        Code = code;
        CallingCode = callingCode;
        CallingCodeDigits = callingCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Descs = descs;
        InternationalPrefix = fields.GetValueOrDefault("international_prefix");
        NationalPrefixForParsing = fields.GetValueOrDefault("national_prefix_for_parsing");
        TransformRule = fields.GetValueOrDefault("national_prefix_transform_rule");
        LeadingDigits = fields.GetValueOrDefault("leading_digits");
        SameMobileAndFixedLine = fields.GetValueOrDefault("same_mobile_and_fixed_line_pattern") == "true";
        _automaton = new Lazy<DigitAutomaton>(BuildAutomaton);
        _types = new Lazy<byte[]>(BuildTypes);
        _internationalPrefix = new Lazy<PrefixRule?>(() => PrefixRule.Create(InternationalPrefix));
        _nationalPrefix = new Lazy<PrefixRule?>(() => PrefixRule.Create(NationalPrefixForParsing));
    }

    /// <summary>ISO 3166-1 alpha-2 code, or <c>001</c> for a non-geographic entity.</summary>
    public string Code { get; }

    public int CallingCode { get; }

    public string CallingCodeDigits { get; }

    public bool IsNonGeographicEntity => Code == "001";

    public string? InternationalPrefix { get; }

    public string? NationalPrefixForParsing { get; }

    public string? TransformRule { get; }

    public string? LeadingDigits { get; }

    public bool SameMobileAndFixedLine { get; }

    public NumberDesc General => Descs[GeneralTag];

    /// <summary>What the plan says of a number this region claims, by <see cref="PhoneNumberType"/>: shared, so reading a number allocates nothing.</summary>
    internal PhoneNumberInfo[] Infos { get; set; } = [];

    internal NumberDesc[] Descs { get; }

    /// <summary>Compiles the patterns now (the metadata tests check every region this way).</summary>
    internal int Compile() => _types.Value.Length / MaxLength + (_internationalPrefix.Value is null ? 0 : 1) + (_nationalPrefix.Value is null ? 0 : 1);

    /// <summary>Reads a national significant number once: the tags of the patterns it matches whole, and whether the leading digits match.</summary>
    public int Match(ReadOnlySpan<char> nationalNumber, out bool leadingDigitsMatch)
    {
        var full = _automaton.Value.Run(nationalNumber, out var prefix);
        leadingDigitsMatch = (prefix & (1 << LeadingTag)) != 0;
        return full;
    }

    /// <summary>libphonenumber's matchNationalNumber against the general pattern: the pattern alone, lengths not checked.</summary>
    public bool MatchesGeneralPattern(ReadOnlySpan<char> nationalNumber) => (Match(nationalNumber, out _) & (1 << GeneralTag)) != 0;

    /// <summary>The number's type by this region's plan (libphonenumber's getNumberTypeHelper), from the tags <see cref="Match"/> gave.</summary>
    public PhoneNumberType TypeOf(int tags, int length)
    {
        if (!Has(tags, GeneralTag, length))
        {
            return PhoneNumberType.Unknown;
        }

        foreach (var (tag, type) in TypeOrder)
        {
            if (Has(tags, tag, length))
            {
                return type;
            }
        }

        if (Has(tags, FixedLineTag, length))
        {
            return SameMobileAndFixedLine || Has(tags, MobileTag, length) ? PhoneNumberType.FixedLineOrMobile : PhoneNumberType.FixedLine;
        }

        return !SameMobileAndFixedLine && Has(tags, MobileTag, length) ? PhoneNumberType.Mobile : PhoneNumberType.Unknown;
    }

    public PhoneNumberType TypeOf(ReadOnlySpan<char> nationalNumber) => TypeOf(nationalNumber, out _);

    /// <summary>The number's type and whether the region's leading digits match it, in one pass over a table built with the automaton.</summary>
    public PhoneNumberType TypeOf(ReadOnlySpan<char> nationalNumber, out bool leadingDigitsMatch)
    {
        var types = _types.Value;
        var state = _automaton.Value.Walk(nationalNumber, out var prefix);
        leadingDigitsMatch = (prefix & (1 << LeadingTag)) != 0;
        return state < 0 || nationalNumber.Length >= MaxLength ? PhoneNumberType.Unknown : (PhoneNumberType)types[(state * MaxLength) + nationalNumber.Length];
    }

    /// <summary>libphonenumber's testNumberLength for any type: the general possible lengths.</summary>
    public LengthCheck CheckLength(int length)
    {
        var general = General;
        if (length < 32 && (general.LocalLengths & (1 << length)) != 0)
        {
            return LengthCheck.PossibleLocalOnly;
        }

        var (min, max) = general.Range;
        return general.Lengths == 0 ? LengthCheck.InvalidLength
            : length < min ? LengthCheck.TooShort
            : length > max ? LengthCheck.TooLong
            : general.AllowsLength(length) ? LengthCheck.Possible
            : LengthCheck.InvalidLength;
    }

    private bool Has(int tags, int tag, int length) => (tags & (1 << tag)) != 0 && Descs[tag].AllowsLength(length);

    /// <summary>The type of a number ending in each state at each length: reading a number is then one table lookup after the walk.</summary>
    private byte[] BuildTypes()
    {
        var automaton = _automaton.Value;
        var types = new byte[automaton.StateCount * MaxLength];
        for (var state = 0; state < automaton.StateCount; state++)
        {
            var tags = automaton.AcceptsOf(state);
            for (var length = 0; length < MaxLength; length++)
            {
                types[(state * MaxLength) + length] = (byte)TypeOf(tags, length);
            }
        }

        return types;
    }

    private DigitAutomaton BuildAutomaton()
    {
        var patterns = new List<(DigitPattern, int)>();
        for (var tag = 0; tag < Descs.Length; tag++)
        {
            if (Descs[tag].Pattern is { } p)
            {
                patterns.Add((DigitPattern.Parse(p), 1 << tag));
            }
        }

        if (LeadingDigits is { } leading)
        {
            patterns.Add((DigitPattern.Parse(leading), 1 << LeadingTag));
        }

        return DigitAutomaton.Build(patterns);
    }

    /// <summary>
    /// A prefix pattern applied at the start of a number (libphonenumber's lookingAt), through .NET's regular
    /// expressions because prefixes for parsing capture groups for their transform rules. A mask of the digits a
    /// match can start with skips the regular expression for most numbers.
    /// </summary>
    private sealed class PrefixRule(Regex regex, int firstDigits, bool canBeEmpty, int groups)
    {
        public Regex Regex { get; } = regex;

        public int Groups { get; } = groups;

        public static PrefixRule? Create(string? pattern)
        {
            if (string.IsNullOrEmpty(pattern))
            {
                return null;
            }

            var tree = DigitPattern.Parse(pattern);
            var regex = new Regex("^(?:" + pattern + ")", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return new PrefixRule(regex, tree.FirstDigits, tree.CanBeEmpty, regex.GetGroupNumbers().Length - 1);
        }

        public bool MayMatch(ReadOnlySpan<char> digits) =>
            canBeEmpty || (digits.Length > 0 && (firstDigits & (1 << (digits[0] - '0'))) != 0);
    }
}
