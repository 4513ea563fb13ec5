namespace CrmRecording.Core.Contacts;

/// <summary>A contact's fields as the CRM holds them: text, not yet checked.</summary>
public sealed record ContactFields
{
    public string? Phone { get; init; }

    /// <summary>ISO country assumed for a phone number typed without a country code.</summary>
    public string? DefaultCountry { get; init; }

    /// <summary>Address state or province: a code (CA, US-CA) or a name (California).</summary>
    public string? Region { get; init; }

    /// <summary>Address country: a code (US) or a name (United States).</summary>
    public string? Country { get; init; }

    public string? VerifiedLocation { get; init; }

    public string? Device { get; init; }

    /// <summary>The phone came from a mobile-phone column, so the line is mobile unless <see cref="Device"/> says otherwise.</summary>
    public bool PhoneIsMobileColumn { get; init; }

    public string? Consent { get; init; }

    public string? ConsentDate { get; init; }

    public string? ConsentMethod { get; init; }

    public string? DoNotRecord { get; init; }

    public string? RepRegion { get; init; }
}
