using CrmRecording.Core.Phones;
using Lib = PhoneNumbers;

namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>The two readers under comparison: libphonenumber-csharp (Parse, then IsValidNumber, GetRegionCodeForNumber, GetNumberType) and ours.</summary>
internal static class Readers
{
    private static readonly Lib.PhoneNumberUtil Util = Lib.PhoneNumberUtil.GetInstance();

    public static Reading Libphonenumber(PhoneInput input)
    {
        Lib.PhoneNumber n;
        try
        {
            n = Util.Parse(input.Raw, input.Region);
        }
        catch (Lib.NumberParseException e)
        {
            return new Reading(null, null, PhoneNumberType.Unknown, false, e.ErrorType.ToString());
        }

        var valid = Util.IsValidNumber(n);
        var region = Util.GetRegionCodeForNumber(n);
        var type = valid ? Map(Util.GetNumberType(n)) : PhoneNumberType.Unknown;
        return new Reading(Util.Format(n, Lib.PhoneNumberFormat.E164), region, type, valid, null);
    }

    public static Reading Ours(PhoneInput input)
    {
        var parsed = PhoneNumberParser.Default.Parse(input.Raw, input.Region);
        if (!parsed.IsValid)
        {
            return new Reading(null, null, PhoneNumberType.Unknown, false, parsed.Error.ToString());
        }

        var info = PhoneNumberingPlan.Default.Analyze(parsed.Number);
        return new Reading(parsed.Number.ToString(), info.Region, info.Type, info.IsValid, null);
    }

    public static PhoneNumberType Map(Lib.PhoneNumberType type) => type switch
    {
        Lib.PhoneNumberType.FIXED_LINE => PhoneNumberType.FixedLine,
        Lib.PhoneNumberType.MOBILE => PhoneNumberType.Mobile,
        Lib.PhoneNumberType.FIXED_LINE_OR_MOBILE => PhoneNumberType.FixedLineOrMobile,
        Lib.PhoneNumberType.TOLL_FREE => PhoneNumberType.TollFree,
        Lib.PhoneNumberType.PREMIUM_RATE => PhoneNumberType.PremiumRate,
        Lib.PhoneNumberType.SHARED_COST => PhoneNumberType.SharedCost,
        Lib.PhoneNumberType.VOIP => PhoneNumberType.Voip,
        Lib.PhoneNumberType.PERSONAL_NUMBER => PhoneNumberType.PersonalNumber,
        Lib.PhoneNumberType.PAGER => PhoneNumberType.Pager,
        Lib.PhoneNumberType.UAN => PhoneNumberType.Uan,
        Lib.PhoneNumberType.VOICEMAIL => PhoneNumberType.Voicemail,
        _ => PhoneNumberType.Unknown,
    };
}
