namespace CrmRecording.Dataverse.Customers;

/// <summary>
/// The columns of a contact or lead that recording decisions read. Text columns of the solution that
/// are choices in an environment arrive as the option's number, as text.
/// </summary>
/// <param name="Row">Which table (contact or lead) and row.</param>
/// <param name="BusinessPhone"><c>telephone1</c>.</param>
/// <param name="MobilePhone"><c>mobilephone</c>.</param>
/// <param name="StateOrProvince"><c>address1_stateorprovince</c>.</param>
/// <param name="Country"><c>address1_country</c>.</param>
/// <param name="OwnerId"><c>_ownerid_value</c>: the owning user or team.</param>
/// <param name="VerifiedRegion"><c>crr_verifiedregion</c>.</param>
/// <param name="DeviceType"><c>crr_devicetype</c>.</param>
/// <param name="ConsentStatus"><c>crr_consentstatus</c>.</param>
/// <param name="ConsentDate"><c>crr_consentdate</c>.</param>
/// <param name="ConsentMethod"><c>crr_consentmethod</c>.</param>
/// <param name="DoNotRecord"><c>crr_donotrecord</c>; null when never set, which the caller interprets.</param>
public sealed record DataverseCustomer(
    RowReference Row,
    string? BusinessPhone,
    string? MobilePhone,
    string? StateOrProvince,
    string? Country,
    Guid? OwnerId,
    string? VerifiedRegion,
    string? DeviceType,
    string? ConsentStatus,
    DateOnly? ConsentDate,
    string? ConsentMethod,
    bool? DoNotRecord);
