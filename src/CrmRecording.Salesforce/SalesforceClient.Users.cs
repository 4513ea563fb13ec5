using System.Text.Json.Nodes;
using CrmRecording.Salesforce.Http;
using CrmRecording.Salesforce.Users;

namespace CrmRecording.Salesforce;

/// <summary>Users, the role hierarchy and custom permissions granted through permission sets.</summary>
public sealed partial class SalesforceClient
{
    /// <summary>The user with their manager, role and the role's parent (<c>UserRole.ParentRoleId</c>); null when no such user exists.</summary>
    public async Task<SalesforceUser?> GetUserAsync(SalesforceId id, CancellationToken cancellationToken = default)
    {
        var codes = options.StateAndCountryPicklists ? ", StateCode, CountryCode" : string.Empty;
        var rows = await QueryAsync(
            $"SELECT Id, Name, Username, IsActive, ManagerId, UserRoleId, UserRole.ParentRoleId, State, Country{codes} FROM User WHERE Id = {Soql.Quote(id)}",
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : ReadUser(rows[0]);
    }

    /// <summary>Every role of the org (<c>SELECT Id, Name, ParentRoleId FROM UserRole</c>, all pages).</summary>
    public async Task<RoleHierarchy> GetRoleHierarchyAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT Id, Name, ParentRoleId FROM UserRole", cancellationToken).ConfigureAwait(false);
        return new RoleHierarchy(rows.Select(r => new SalesforceRole(SObjectFields.RequiredId(r, "Id"), SObjectFields.Text(r, "Name"), SObjectFields.Id(r, "ParentRoleId"))));
    }

    /// <summary>
    /// The developer names (<c>ns__Name</c> when namespaced) of the custom permissions the user holds through any
    /// permission set assigned to them, profile-owned ones included: the permission set ids from
    /// <c>PermissionSetAssignment</c>, their <c>SetupEntityAccess</c> rows for custom permissions, then the names.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetCustomPermissionsAsync(SalesforceId userId, CancellationToken cancellationToken = default)
    {
        var grants = await QueryAsync(
            "SELECT SetupEntityId FROM SetupEntityAccess WHERE SetupEntityType = 'CustomPermission' AND ParentId IN "
            + $"(SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = {Soql.Quote(userId)})",
            cancellationToken).ConfigureAwait(false);
        var ids = grants.Select(g => SObjectFields.RequiredId(g, "SetupEntityId")).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var chunk in ids.Chunk(MaxCollectionSize))
        {
            var rows = await QueryAsync($"SELECT Id, DeveloperName, NamespacePrefix FROM CustomPermission WHERE Id IN {Soql.List(chunk)}", cancellationToken).ConfigureAwait(false);
            names.AddRange(rows.Select(r => SObjectFields.Text(r, "NamespacePrefix") is { } ns
                ? $"{ns}__{SObjectFields.Text(r, "DeveloperName")}"
                : SObjectFields.Text(r, "DeveloperName") ?? string.Empty).Where(n => n.Length > 0));
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static SalesforceUser ReadUser(JsonObject row) => new(
        SObjectFields.RequiredId(row, "Id"),
        SObjectFields.Text(row, "Name"),
        SObjectFields.Text(row, "Username"),
        SObjectFields.Boolean(row, "IsActive") ?? false,
        SObjectFields.Id(row, "ManagerId"),
        SObjectFields.Id(row, "UserRoleId"),
        SObjectFields.Id(row, "UserRole.ParentRoleId"),
        SObjectFields.Text(row, "State"),
        SObjectFields.Text(row, "StateCode"),
        SObjectFields.Text(row, "Country"),
        SObjectFields.Text(row, "CountryCode"));
}
