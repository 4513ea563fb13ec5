namespace CrmRecording.Core.Location;

/// <summary>Where a piece of location evidence came from.</summary>
public enum LocationSignal
{
    /// <summary>A location that sales ops verified and recorded on the CRM record; it narrows to itself.</summary>
    VerifiedLocation,

    /// <summary>The state/province and country of the CRM address.</summary>
    CrmAddress,

    /// <summary>The country of a valid fixed-line or mobile number, by its calling code and leading digits.</summary>
    PhoneCountry,

    /// <summary>The NANP area code of the phone number.</summary>
    AreaCode,

    /// <summary>
    /// A toll-free, premium, shared-cost, personal, UAN or other non-geographic number: it places the customer
    /// nowhere (its country is kept as weak evidence only where the law is the same all over that country).
    /// </summary>
    NonGeographicNumber,

    /// <summary>A number that is not valid for its country: it places the customer nowhere.</summary>
    InvalidNumber,
}
