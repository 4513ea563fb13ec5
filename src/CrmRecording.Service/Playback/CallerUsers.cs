using CrmRecording.Service.Auth;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Playback;

/// <summary>
/// The CRM user behind a validated token: a Salesforce User by the <c>sf_user_id</c> claim, else a Dataverse user by
/// the <c>oid</c> (Entra object id) claim.
/// </summary>
/// <param name="salesforceOrgId">The org this service serves (<c>Salesforce:OrganizationId</c>); a token naming another org names nobody here.</param>
internal sealed class CallerUsers(CrmAccessDirectory directory, SalesforceAccessDirectory? salesforce = null, string? salesforceOrgId = null)
{
    /// <summary>Why the token cannot name a CRM user, or null when it can.</summary>
    public static string? MissingClaim(CallerIdentity caller) =>
        caller.SalesforceUserId is null && caller.EntraObjectId is null
            ? "the token carries no oid (Entra object id) or sf_user_id (Salesforce User id) claim"
            : null;

    /// <returns>The user; null when the CRM has no such (active) user.</returns>
    /// <exception cref="CrmUnavailableException">Salesforce did not answer.</exception>
    public async Task<CrmUser?> FindAsync(CallerIdentity caller, CancellationToken cancellationToken)
    {
        if (caller.SalesforceUserId is { } sf)
        {
            if (salesforce is null || !SameOrg(caller.SalesforceOrgId))
            {
                return null;
            }

            var user = await salesforce.FindUserAsync(sf, cancellationToken).ConfigureAwait(false);
            return user is null ? null : new CrmUser(CrmRecordRef.Salesforce, user.Id.Value, user.Name);
        }

        return caller.EntraObjectId is { } oid ? await directory.FindUserAsync(oid, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// A token that names its org must name this one; an org id in a token cannot be checked (so is refused) when
    /// <c>Salesforce:OrganizationId</c> is not set. Tokens without one come from an issuer trusted for this org.
    /// </summary>
    private bool SameOrg(string? tokenOrg) =>
        tokenOrg is null
        || (salesforceOrgId is not null && CrmRecording.Salesforce.SalesforceId.TryParse(tokenOrg, out var a) && CrmRecording.Salesforce.SalesforceId.TryParse(salesforceOrgId, out var b) && a == b);
}
