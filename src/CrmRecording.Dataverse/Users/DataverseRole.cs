namespace CrmRecording.Dataverse.Users;

/// <summary>A security role a user holds, and how: directly, through teams, or both.</summary>
/// <param name="Id"><c>roleid</c> (roles are per business unit, so one name can appear with several ids).</param>
/// <param name="Name"><c>name</c>.</param>
/// <param name="Direct">Assigned to the user (<c>systemuserroles_association</c>).</param>
/// <param name="ViaTeams">The teams (<c>teamroles_association</c>) through which the user holds it.</param>
public sealed record DataverseRole(Guid Id, string Name, bool Direct, IReadOnlyList<Guid> ViaTeams);
