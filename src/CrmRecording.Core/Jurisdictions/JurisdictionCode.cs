using System.Diagnostics.CodeAnalysis;

namespace CrmRecording.Core.Jurisdictions;

/// <summary>
/// An ISO 3166 code naming a place whose recording law we know: a country (<c>GB</c>, ISO 3166-1 alpha-2)
/// or a subdivision (<c>US-CA</c>, <c>CA-ON</c>, <c>AU-NSW</c>, ISO 3166-2). Always upper case.
/// </summary>
public readonly record struct JurisdictionCode
{
    private JurisdictionCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The country part: <c>US</c> for <c>US-CA</c>, the code itself for a country.</summary>
    public string Country => Value.Length > 2 ? Value[..2] : Value;

    public bool IsSubdivision => Value.Length > 2;

    public JurisdictionCode CountryCode => IsSubdivision ? new JurisdictionCode(Country) : this;

    public static JurisdictionCode Parse(string text) =>
        TryParse(text, out var code)
            ? code
            : throw new FormatException($"'{text}' is not a jurisdiction code: expected ISO 3166 like GB, US-CA or AU-NSW.");

    public static bool TryParse([NotNullWhen(true)] string? text, out JurisdictionCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.Length < 2 || !char.IsAsciiLetter(s[0]) || !char.IsAsciiLetter(s[1]))
        {
            return false;
        }

        if (s.Length == 2)
        {
            code = new JurisdictionCode(Upper(s));
            return true;
        }

        if (s[2] != '-' || s.Length < 4 || s.Length > 6)
        {
            return false;
        }

        for (var i = 3; i < s.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(s[i]))
            {
                return false;
            }
        }

        code = new JurisdictionCode(Upper(s));
        return true;
    }

    private static string Upper(string s) => s.AsSpan().ContainsAnyInRange('a', 'z') ? s.ToUpperInvariant() : s;

    public override string ToString() => Value ?? string.Empty;
}
