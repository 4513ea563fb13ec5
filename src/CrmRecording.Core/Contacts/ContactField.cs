namespace CrmRecording.Core.Contacts;

/// <summary>The fields of a CRM contact or lead that a recording decision reads.</summary>
public enum ContactField
{
    Phone,
    DefaultCountry,
    Region,
    Country,
    VerifiedLocation,
    Device,
    Consent,
    ConsentDate,
    ConsentMethod,
    DoNotRecord,
    RepRegion,
}
