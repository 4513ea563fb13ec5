namespace CrmRecording.Salesforce.Customers;

/// <summary>
/// The fields of a Contact or Lead that recording decisions read. With State and Country/Territory Picklists the
/// ISO codes (<c>MailingStateCode</c>, <c>MailingCountryCode</c>; Lead: <c>StateCode</c>, <c>CountryCode</c>) are
/// read beside the text; <see cref="Region"/> and <see cref="CountryOrCode"/> prefer the codes.
/// </summary>
/// <param name="ObjectType"><c>Contact</c> or <c>Lead</c>.</param>
/// <param name="DoNotRecord">The package's checkbox; false when not set.</param>
public sealed record SalesforceCustomer(
    SalesforceId Id,
    string ObjectType,
    string? Name,
    string? Phone,
    string? MobilePhone,
    string? State,
    string? StateCode,
    string? Country,
    string? CountryCode,
    SalesforceId? OwnerId,
    string? VerifiedRegion,
    string? DeviceType,
    string? ConsentStatus,
    DateOnly? ConsentDate,
    string? ConsentMethod,
    bool DoNotRecord)
{
    /// <summary>The state or province: its ISO code when the picklists give one, else the text.</summary>
    public string? Region => StateCode ?? State;

    /// <summary>The country: its ISO code when the picklists give one, else the text.</summary>
    public string? CountryOrCode => CountryCode ?? Country;
}
