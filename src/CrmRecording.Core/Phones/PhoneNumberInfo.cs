namespace CrmRecording.Core.Phones;

/// <summary>What the numbering plan says about an <see cref="E164Number"/>.</summary>
/// <param name="Region">
/// The region the number belongs to (ISO 3166-1 alpha-2, or <c>001</c> for a global service such as +800);
/// null when the calling code is shared and no region's plan claims the number.
/// </param>
/// <param name="CallingCodeRegion">The main region of the calling code (GB for +44), for messages about an invalid number.</param>
/// <param name="Type">The number's type; <see cref="PhoneNumberType.Unknown"/> when it is not valid.</param>
public sealed record PhoneNumberInfo(string? Region, string CallingCodeRegion, PhoneNumberType Type)
{
    /// <summary>True when the number is in a range of its region's plan (libphonenumber's isValidNumber).</summary>
    public bool IsValid => Region is not null && Type != PhoneNumberType.Unknown;

    /// <summary>True for a global service code with no country (+800, +808, +870, +881, +882, +883, +888, +979).</summary>
    public bool IsNonGeographicEntity => Region == "001";
}
