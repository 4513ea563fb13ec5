using System.Text.Json;
using CrmRecording.Dataverse.Http;
using CrmRecording.Dataverse.Users;

namespace CrmRecording.Dataverse;

/// <summary>System users: lookup by Entra object id, security roles (direct and through teams), manager.</summary>
public sealed partial class DataverseClient
{
    /// <summary>The user whose <c>azureactivedirectoryobjectid</c> is <paramref name="entraObjectId"/>; null when none.</summary>
    public async Task<DataverseUser?> FindUserByEntraObjectIdAsync(Guid entraObjectId, CancellationToken cancellationToken = default)
    {
        ThrowIfEmpty(entraObjectId, nameof(entraObjectId));
        var filter = Uri.EscapeDataString($"{UserColumns.EntraObjectId} eq {entraObjectId:D}");
        using var page = (await GetJsonAsync(
            Resource($"{DataverseTable.SystemUser.EntitySetName}?$filter={filter}&$select={UserColumns.Select}"), notFoundIsNull: false, cancellationToken).ConfigureAwait(false))!;
        var users = ODataRow.Rows(page.RootElement).Select(ReadUser).ToList();
        return users.Count switch
        {
            0 => null,
            1 => users[0],
            _ => throw new DataverseException(200, null, $"{users.Count} users have Entra object id {entraObjectId:D}; expected one.", null),
        };
    }

    /// <summary>A user by <c>systemuserid</c>; null when no such user exists.</summary>
    public async Task<DataverseUser?> GetUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        ThrowIfEmpty(userId, nameof(userId));
        using var row = await GetJsonAsync(
            Resource($"{DataverseTable.SystemUser.EntitySetName}({userId:D})?$select={UserColumns.Select}"), notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadUser(row.RootElement);
    }

    /// <summary>The user's manager (<c>_parentsystemuserid_value</c>, then that user); null when none is set or the user does not exist.</summary>
    public async Task<DataverseUser?> GetManagerAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        return user?.ManagerId is { } managerId
            ? await GetUserAsync(managerId, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// Every security role the user holds: direct ones (<c>systemuserroles_association</c>) and those of each
    /// team the user belongs to (<c>teammembership_association</c>, then <c>teamroles_association</c>), one entry per role.
    /// </summary>
    public async Task<IReadOnlyList<DataverseRole>> GetUserRolesAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        ThrowIfEmpty(userId, nameof(userId));
        var users = DataverseTable.SystemUser.EntitySetName;
        var roles = new Dictionary<Guid, (string Name, bool Direct, List<Guid> Teams)>();
        foreach (var (id, name) in await GetAllPagesAsync($"{users}({userId:D})/systemuserroles_association?$select=name,roleid", ReadRole, cancellationToken).ConfigureAwait(false))
        {
            roles[id] = (name, true, []);
        }

        var teams = await GetAllPagesAsync($"{users}({userId:D})/teammembership_association?$select=teamid", t => ODataRow.RequiredId(t, "teamid"), cancellationToken).ConfigureAwait(false);
        foreach (var teamId in teams)
        {
            var teamRoles = await GetAllPagesAsync($"{DataverseTable.Team.EntitySetName}({teamId:D})/teamroles_association?$select=name,roleid", ReadRole, cancellationToken).ConfigureAwait(false);
            foreach (var (id, name) in teamRoles)
            {
                if (!roles.TryGetValue(id, out var role))
                {
                    role = (name, false, []);
                    roles[id] = role;
                }

                if (!role.Teams.Contains(teamId))
                {
                    role.Teams.Add(teamId);
                }
            }
        }

        return roles.Select(r => new DataverseRole(r.Key, r.Value.Name, r.Value.Direct, r.Value.Teams)).ToList();
    }

    private static (Guid Id, string Name) ReadRole(JsonElement row) => (ODataRow.RequiredId(row, "roleid"), ODataRow.RequiredText(row, "name"));

    private static DataverseUser ReadUser(JsonElement row) => new(
        ODataRow.RequiredId(row, UserColumns.Id),
        ODataRow.Text(row, UserColumns.FullName),
        ODataRow.Id(row, UserColumns.Manager),
        ODataRow.Text(row, UserColumns.StateOrProvince),
        ODataRow.Text(row, UserColumns.Country),
        ODataRow.Id(row, UserColumns.Territory));
}
