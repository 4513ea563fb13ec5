using System.Globalization;
using CrmRecording.Core.Contacts;

namespace CrmRecording.Plugins.Ports;

/// <summary>The columns of a contact or lead that recording decisions read (logical names in the solution: crr_*).</summary>
public sealed record CrmContact(
    string Table,
    Guid Id,
    string? BusinessPhone,
    string? MobilePhone,
    string? StateOrProvince,
    string? Country,
    string? VerifiedRegion,
    string? DeviceType,
    string? ConsentStatus,
    DateOnly? ConsentDate,
    string? ConsentMethod,
    bool DoNotRecord,
    Guid? OwnerId)
{
    /// <summary>
    /// The fields a decision reads. The number is the one being dialled when known, else the business
    /// phone, else the mobile (then marked as a mobile line).
    /// </summary>
    public ContactFields ToFields(string? repRegion, string? dialledNumber = null)
    {
        var fromMobile = dialledNumber is null && string.IsNullOrWhiteSpace(BusinessPhone);
        return new ContactFields
        {
            Phone = dialledNumber ?? (fromMobile ? MobilePhone : BusinessPhone),
            PhoneIsMobileColumn = fromMobile,
            Region = StateOrProvince,
            Country = Country,
            VerifiedLocation = VerifiedRegion,
            Device = DeviceType,
            Consent = ConsentStatus,
            ConsentDate = ConsentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ConsentMethod = ConsentMethod,
            DoNotRecord = DoNotRecord ? "true" : null,
            RepRegion = repRegion,
        };
    }
}
