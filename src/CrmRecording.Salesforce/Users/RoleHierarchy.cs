namespace CrmRecording.Salesforce.Users;

/// <summary>
/// The org's role tree, for the rule "a user above the rep in the role hierarchy may see the rep's records". A role
/// is above another when it is found walking up from the other's parent; a cycle (which Salesforce does not allow)
/// ends the walk rather than looping.
/// </summary>
public sealed class RoleHierarchy
{
    private readonly Dictionary<SalesforceId, SalesforceRole> roles;

    public RoleHierarchy(IEnumerable<SalesforceRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        this.roles = roles.ToDictionary(r => r.Id);
    }

    public int Count => roles.Count;

    /// <summary>Whether <paramref name="upper"/> is an ancestor of <paramref name="lower"/> (a role is not above itself).</summary>
    public bool IsAbove(SalesforceId upper, SalesforceId lower)
    {
        var seen = new HashSet<SalesforceId> { lower };
        var current = roles.TryGetValue(lower, out var role) ? role.ParentRoleId : null;
        while (current is { } id && seen.Add(id))
        {
            if (id == upper)
            {
                return true;
            }

            current = roles.TryGetValue(id, out var parent) ? parent.ParentRoleId : null;
        }

        return false;
    }
}
