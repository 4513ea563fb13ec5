namespace CrmRecording.Salesforce.Customers;

/// <summary>The Contact and Lead fields read; the address fields differ between the two objects.</summary>
internal sealed record CustomerFields(string ObjectType, string State, string StateCode, string Country, string CountryCode)
{
    public static readonly CustomerFields Contact = new("Contact", "MailingState", "MailingStateCode", "MailingCountry", "MailingCountryCode");

    public static readonly CustomerFields Lead = new("Lead", "State", "StateCode", "Country", "CountryCode");

    public IReadOnlyList<string> Select(bool picklists) =>
    [
        "Id", "Name", "Phone", "MobilePhone", State, Country, .. picklists ? [StateCode, CountryCode] : Array.Empty<string>(), "OwnerId",
        RecordingFields.VerifiedRegion, RecordingFields.DeviceType, RecordingFields.ConsentStatus, RecordingFields.ConsentDate,
        RecordingFields.ConsentMethod, RecordingFields.DoNotRecord,
    ];
}
