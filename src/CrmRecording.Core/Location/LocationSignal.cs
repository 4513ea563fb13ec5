namespace CrmRecording.Core.Location;

/// <summary>Where a piece of location evidence came from.</summary>
public enum LocationSignal
{
    /// <summary>A location that sales ops verified and recorded on the CRM record; it narrows to itself.</summary>
    VerifiedLocation,

    /// <summary>The state/province and country of the CRM address.</summary>
    CrmAddress,

    /// <summary>The country calling code of the phone number.</summary>
    PhoneCountry,

    /// <summary>The NANP area code of the phone number.</summary>
    AreaCode,

    /// <summary>A toll-free, premium or other non-geographic number: it says nothing about location.</summary>
    NonGeographicNumber,
}
