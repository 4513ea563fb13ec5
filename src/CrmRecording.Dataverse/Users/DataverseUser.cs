namespace CrmRecording.Dataverse.Users;

/// <summary>A system user as the product needs it: who, their manager, their region on file and their territory.</summary>
/// <param name="Id"><c>systemuserid</c>.</param>
/// <param name="FullName"><c>fullname</c>.</param>
/// <param name="ManagerId"><c>_parentsystemuserid_value</c>.</param>
/// <param name="StateOrProvince"><c>address1_stateorprovince</c>.</param>
/// <param name="Country"><c>address1_country</c>.</param>
/// <param name="TerritoryId"><c>_territoryid_value</c>: the sales territory the user belongs to, if any.</param>
public sealed record DataverseUser(Guid Id, string? FullName, Guid? ManagerId, string? StateOrProvince, string? Country, Guid? TerritoryId = null);
