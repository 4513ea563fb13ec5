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
    Guid? OwnerId);
