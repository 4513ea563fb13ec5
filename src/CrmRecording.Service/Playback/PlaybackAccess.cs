using CrmRecording.Dataverse.Users;
using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Playback;

/// <summary>
/// Who may listen to a recording: a holder of the CRM role Recording Reviewer or Recording Administrator
/// (directly or through a team), the rep who placed the call, or that rep's manager (<c>parentsystemuserid</c>;
/// one level, not the whole chain). Everyone else is refused.
/// </summary>
internal sealed class PlaybackAccess(CrmAccessDirectory directory)
{
    public const string ReviewerRole = "Recording Reviewer";

    public const string AdministratorRole = "Recording Administrator";

    /// <param name="call">The call the recording belongs to; null for a recording imported without one (then only the roles grant).</param>
    public async Task<AccessDecision> DecideAsync(DataverseUser caller, CallRecord? call, CancellationToken cancellationToken)
    {
        // Cheapest first: ownership needs no CRM request.
        if (call is not null && call.RepUserId == caller.Id)
        {
            return AccessDecision.Grant("owner");
        }

        var roles = await directory.RoleNamesAsync(caller.Id, cancellationToken).ConfigureAwait(false);
        foreach (var role in new[] { ReviewerRole, AdministratorRole })
        {
            if (roles.Contains(role, StringComparer.OrdinalIgnoreCase))
            {
                return AccessDecision.Grant($"role:{role}");
            }
        }

        if (call is not null && await directory.ManagerOfAsync(call.RepUserId, cancellationToken).ConfigureAwait(false) == caller.Id)
        {
            return AccessDecision.Grant("owner-manager");
        }

        return AccessDecision.Deny(call is null
            ? $"no {ReviewerRole} or {AdministratorRole} role, and the recording has no call owner"
            : $"no {ReviewerRole} or {AdministratorRole} role, not the call's owner, not the owner's manager");
    }
}

/// <summary>The outcome of an access check, with what granted it or why it was refused (both audited).</summary>
internal sealed record AccessDecision(bool Allowed, string Basis)
{
    public static AccessDecision Grant(string basis) => new(true, basis);

    public static AccessDecision Deny(string reason) => new(false, reason);
}
