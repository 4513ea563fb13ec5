using CrmRecording.Salesforce;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Playback;

/// <summary>
/// Who may listen to a recording. Dynamics: a holder of the CRM role Recording Reviewer or Recording Administrator
/// (directly or through a team), the rep who placed the call, or that rep's manager (<c>parentsystemuserid</c>; one
/// level). Salesforce: the custom permission Recording_Reviewer or Recording_Administrator (through a permission set),
/// the rep, the rep's manager (<c>ManagerId</c>), or a user whose role is above the rep's in the role hierarchy.
/// A user of one CRM has no say over another CRM's calls. Everyone else is refused.
/// </summary>
internal sealed class PlaybackAccess(CrmAccessDirectory directory, SalesforceAccessDirectory? salesforce = null)
{
    public const string ReviewerRole = "Recording Reviewer";

    public const string AdministratorRole = "Recording Administrator";

    public const string ReviewerPermission = "Recording_Reviewer";

    public const string AdministratorPermission = "Recording_Administrator";

    /// <param name="call">The call the recording belongs to; null for a recording imported without one (then only the roles grant).</param>
    public Task<AccessDecision> DecideAsync(CrmUser caller, CallRecord? call, CancellationToken cancellationToken)
    {
        if (call is not null && call.Crm != caller.Crm)
        {
            return Task.FromResult(AccessDecision.Deny($"the call was placed in {call.Crm}, and the caller is a {caller.Crm} user"));
        }

        return caller.Crm == CrmRecordRef.Salesforce ? DecideSalesforceAsync(caller, call, cancellationToken) : DecideDynamicsAsync(caller.Key, call, cancellationToken);
    }

    /// <summary>Whether the user holds a recording role or permission (for the compliance list of manual starts).</summary>
    public async Task<bool> IsReviewerAsync(CrmUser user, CancellationToken cancellationToken)
    {
        if (user.Crm == CrmRecordRef.Salesforce)
        {
            var permissions = await Salesforce.CustomPermissionsAsync(SalesforceId.Parse(user.Id), cancellationToken).ConfigureAwait(false);
            return permissions.Contains(ReviewerPermission, StringComparer.Ordinal) || permissions.Contains(AdministratorPermission, StringComparer.Ordinal);
        }

        var roles = await directory.RoleNamesAsync(user.Key, cancellationToken).ConfigureAwait(false);
        return roles.Any(r => string.Equals(r, ReviewerRole, StringComparison.OrdinalIgnoreCase) || string.Equals(r, AdministratorRole, StringComparison.OrdinalIgnoreCase));
    }

    private SalesforceAccessDirectory Salesforce => salesforce ?? throw new InvalidOperationException("The service is not configured for Salesforce.");

    private async Task<AccessDecision> DecideDynamicsAsync(Guid callerId, CallRecord? call, CancellationToken cancellationToken)
    {
        // Cheapest first: ownership needs no CRM request.
        if (call is not null && call.RepUserId == callerId)
        {
            return AccessDecision.Grant("owner");
        }

        var roles = await directory.RoleNamesAsync(callerId, cancellationToken).ConfigureAwait(false);
        foreach (var role in new[] { ReviewerRole, AdministratorRole })
        {
            if (roles.Contains(role, StringComparer.OrdinalIgnoreCase))
            {
                return AccessDecision.Grant($"role:{role}");
            }
        }

        if (call is not null && await directory.ManagerOfAsync(call.RepUserId, cancellationToken).ConfigureAwait(false) == callerId)
        {
            return AccessDecision.Grant("owner-manager");
        }

        return AccessDecision.Deny(call is null
            ? $"no {ReviewerRole} or {AdministratorRole} role, and the recording has no call owner"
            : $"no {ReviewerRole} or {AdministratorRole} role, not the call's owner, not the owner's manager");
    }

    private async Task<AccessDecision> DecideSalesforceAsync(CrmUser caller, CallRecord? call, CancellationToken cancellationToken)
    {
        var callerId = SalesforceId.Parse(caller.Id);
        if (call is not null && SalesforceId.TryParse(call.Rep(), out var repId) && repId == callerId)
        {
            return AccessDecision.Grant("owner");
        }

        var permissions = await Salesforce.CustomPermissionsAsync(callerId, cancellationToken).ConfigureAwait(false);
        foreach (var permission in new[] { ReviewerPermission, AdministratorPermission })
        {
            if (permissions.Contains(permission, StringComparer.Ordinal))
            {
                return AccessDecision.Grant($"permission:{permission}");
            }
        }

        if (call is not null && SalesforceId.TryParse(call.Rep(), out var rep) && await Salesforce.FindUserAsync(rep.Value, cancellationToken).ConfigureAwait(false) is { } repUser)
        {
            if (repUser.ManagerId == callerId)
            {
                return AccessDecision.Grant("owner-manager");
            }

            if (repUser.UserRoleId is { } repRole
                && await Salesforce.FindUserAsync(callerId.Value, cancellationToken).ConfigureAwait(false) is { UserRoleId: { } callerRole }
                && (await Salesforce.RoleHierarchyAsync(cancellationToken).ConfigureAwait(false)).IsAbove(callerRole, repRole))
            {
                return AccessDecision.Grant("role-hierarchy");
            }
        }

        return AccessDecision.Deny(call is null
            ? $"no {ReviewerPermission} or {AdministratorPermission} custom permission, and the recording has no call owner"
            : $"no {ReviewerPermission} or {AdministratorPermission} custom permission, not the call's owner, not the owner's manager, not above the owner in the role hierarchy");
    }
}

/// <summary>The outcome of an access check, with what granted it or why it was refused (both audited).</summary>
internal sealed record AccessDecision(bool Allowed, string Basis)
{
    public static AccessDecision Grant(string basis) => new(true, basis);

    public static AccessDecision Deny(string reason) => new(false, reason);
}
