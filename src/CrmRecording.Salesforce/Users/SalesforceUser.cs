namespace CrmRecording.Salesforce.Users;

/// <summary>A user as the product needs it: who, their manager, their role and its parent, their region on file.</summary>
/// <param name="ManagerId"><c>ManagerId</c>.</param>
/// <param name="UserRoleId"><c>UserRoleId</c>: the user's place in the role hierarchy; null when the user has no role.</param>
/// <param name="ParentRoleId"><c>UserRole.ParentRoleId</c>: the role directly above.</param>
public sealed record SalesforceUser(
    SalesforceId Id,
    string? Name,
    string? Username,
    bool IsActive,
    SalesforceId? ManagerId,
    SalesforceId? UserRoleId,
    SalesforceId? ParentRoleId,
    string? State,
    string? StateCode,
    string? Country,
    string? CountryCode)
{
    public string? Region => StateCode ?? State;

    public string? CountryOrCode => CountryCode ?? Country;
}
