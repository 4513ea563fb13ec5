using System.Security.Claims;

namespace CrmRecording.Service.Auth;

/// <summary>Who a validated bearer token says the caller is.</summary>
/// <param name="Subject">The token's <c>sub</c> (pairwise per application in Entra ID); kept in the audit trail.</param>
/// <param name="EntraObjectId">The <c>oid</c> claim: the user's Entra object id, which the CRM user row carries; null when absent or not a GUID.</param>
/// <param name="Issuer">The token's <c>iss</c>.</param>
/// <param name="SalesforceUserId">
/// The <c>sf_user_id</c> claim: the Salesforce User id (15 or 18 characters) of a caller from a Salesforce org. A token
/// names a Salesforce user only through this claim, never through its <c>sub</c>; a token with it is a Salesforce
/// caller even if it also carries an <c>oid</c>.
/// </param>
internal sealed record CallerIdentity(string Subject, Guid? EntraObjectId, string Issuer, string? SalesforceUserId = null)
{
    public const string ObjectIdClaim = "oid";

    public const string SalesforceUserIdClaim = "sf_user_id";

    public const string SubjectClaim = "sub";

    public const string NameClaim = "name";

    /// <summary>Reads the claims as issued; inbound claim-type mapping is off, so <c>oid</c> and <c>sub</c> keep their names.</summary>
    public static CallerIdentity From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(SubjectClaim);
        var oid = principal.FindFirst(ObjectIdClaim)?.Value;
        var salesforce = principal.FindFirst(SalesforceUserIdClaim)?.Value;
        return new CallerIdentity(
            subject?.Value ?? string.Empty,
            Guid.TryParse(oid, out var id) && id != Guid.Empty ? id : null,
            subject?.Issuer ?? principal.FindFirst(ObjectIdClaim)?.Issuer ?? string.Empty,
            string.IsNullOrWhiteSpace(salesforce) ? null : salesforce.Trim());
    }

    /// <summary>How the audit trail names a caller who has no CRM user (yet).</summary>
    public string AuditActor => SalesforceUserId is { } sf ? $"sf-user:{sf}" : EntraObjectId is { } oid ? $"entra-oid:{oid:D}" : $"token-sub:{Subject}";
}
