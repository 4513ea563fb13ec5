namespace CrmRecording.Core.Phones;

/// <summary>Wire names of <see cref="PhoneNumberType"/> (<c>fixed-line</c>, <c>toll-free</c>, ...) and what each says about location.</summary>
public static class PhoneNumberTypeNames
{
    public static string ToWireName(this PhoneNumberType type) => type switch
    {
        PhoneNumberType.FixedLine => "fixed-line",
        PhoneNumberType.Mobile => "mobile",
        PhoneNumberType.FixedLineOrMobile => "fixed-line-or-mobile",
        PhoneNumberType.TollFree => "toll-free",
        PhoneNumberType.PremiumRate => "premium-rate",
        PhoneNumberType.SharedCost => "shared-cost",
        PhoneNumberType.Voip => "voip",
        PhoneNumberType.PersonalNumber => "personal",
        PhoneNumberType.Pager => "pager",
        PhoneNumberType.Uan => "universal-access",
        PhoneNumberType.Voicemail => "voicemail",
        _ => "unknown",
    };

    /// <summary>
    /// True for the types that belong to a place: fixed lines and mobiles. The others are services reached
    /// through the national plan from wherever their owner answers: toll-free, premium, shared-cost,
    /// personal, pager, UAN, voicemail, and VoIP ranges of their own.
    /// </summary>
    public static bool IsGeographic(this PhoneNumberType type) =>
        type is PhoneNumberType.FixedLine or PhoneNumberType.Mobile or PhoneNumberType.FixedLineOrMobile;
}
