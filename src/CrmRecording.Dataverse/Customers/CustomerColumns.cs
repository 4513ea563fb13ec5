namespace CrmRecording.Dataverse.Customers;

/// <summary>The contact and lead columns read for a recording decision (standard ones and the solution's crr_ ones).</summary>
internal static class CustomerColumns
{
    public const string BusinessPhone = "telephone1";
    public const string MobilePhone = "mobilephone";
    public const string StateOrProvince = "address1_stateorprovince";
    public const string Country = "address1_country";
    public const string Owner = "_ownerid_value";
    public const string VerifiedRegion = "crr_verifiedregion";
    public const string DeviceType = "crr_devicetype";
    public const string ConsentStatus = "crr_consentstatus";
    public const string ConsentDate = "crr_consentdate";
    public const string ConsentMethod = "crr_consentmethod";
    public const string DoNotRecord = "crr_donotrecord";

    public static readonly string Select = string.Join(',', [
        BusinessPhone, MobilePhone, StateOrProvince, Country, Owner,
        VerifiedRegion, DeviceType, ConsentStatus, ConsentDate, ConsentMethod, DoNotRecord]);
}
