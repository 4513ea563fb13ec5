using CrmRecording.Core.Phones;

namespace CrmRecording.Core.Location;

/// <summary>How the customer's number was read, for the evidence trail: the number in E.164 and what its country's plan says of it.</summary>
public readonly record struct PhoneReading(E164Number Number, PhoneNumberInfo Info)
{
    /// <summary>"+442079460958, a fixed-line number of GB"; "+80012345678, an international toll-free number (+800)".</summary>
    public string Describe()
    {
        var type = Info.Type.ToWireName();
        if (!Info.IsValid)
        {
            return $"{Number}, not a valid number for {Country}";
        }

        if (Info.IsNonGeographicEntity)
        {
            return $"{Number}, an international {type} number (+{Number.CallingCode})";
        }

        var article = type[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";
        return $"{Number}, {article} {type} number of {Info.Region}";
    }

    /// <summary>The region named in messages: the number's own, or the calling code's main region when no region claims it.</summary>
    public string Country => Info.Region ?? (Info.CallingCodeRegion.Length > 0 ? Info.CallingCodeRegion : "+" + Number.CallingCode);
}
