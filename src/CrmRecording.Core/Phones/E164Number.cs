namespace CrmRecording.Core.Phones;

/// <summary>
/// A phone number in ITU-T E.164 form: country calling code followed by the national significant
/// number, at most 15 digits, written with a leading <c>+</c>.
/// </summary>
public readonly record struct E164Number
{
    internal E164Number(string digits, int callingCodeLength, PhoneNumberingPlan? plan = null, PhoneNumberInfo? info = null)
    {
        Digits = digits;
        CallingCodeLength = callingCodeLength;
        AnalyzedBy = plan;
        Info = info;
    }

    /// <summary>All digits without the plus sign, e.g. <c>14155550142</c>.</summary>
    public string Digits { get; }

    internal int CallingCodeLength { get; }

    /// <summary>The plan that analysed the number when it was read, so a decision does not analyse it again.</summary>
    internal PhoneNumberingPlan? AnalyzedBy { get; }

    internal PhoneNumberInfo? Info { get; }

    public int CallingCode
    {
        get
        {
            var code = 0;
            for (var i = 0; i < CallingCodeLength; i++)
            {
                code = (code * 10) + (Digits[i] - '0');
            }

            return code;
        }
    }

    public ReadOnlySpan<char> NationalSignificantNumber => Digits.AsSpan(CallingCodeLength);

    public bool IsNanp => CallingCodeLength == 1 && Digits[0] == '1';

    /// <summary>The NANP area code (NPA), or empty when the number is not in the North American Numbering Plan.</summary>
    public ReadOnlySpan<char> NanpAreaCode => IsNanp ? Digits.AsSpan(1, 3) : [];

    /// <summary>Two numbers are equal when their digits are: the analysis kept alongside is a cache, not part of the value.</summary>
    public bool Equals(E164Number other) => string.Equals(Digits, other.Digits, StringComparison.Ordinal);

    public override int GetHashCode() => Digits is null ? 0 : Digits.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Digits is null ? string.Empty : "+" + Digits;

    /// <summary>The number with all but its last two digits masked, for logs and messages that must not carry phone numbers.</summary>
    public string Redacted() =>
        Digits is null ? string.Empty : "+" + new string('•', Math.Max(0, Digits.Length - 2)) + Digits[^2..];
}
