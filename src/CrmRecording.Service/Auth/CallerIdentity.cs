using System.Security.Claims;

namespace CrmRecording.Service.Auth;

/// <summary>Who a validated bearer token says the caller is.</summary>
/// <param name="Subject">The token's <c>sub</c> (pairwise per application in Entra ID); kept in the audit trail.</param>
/// <param name="EntraObjectId">The <c>oid</c> claim: the user's Entra object id, which the CRM user row carries; null when absent or not a GUID.</param>
/// <param name="Issuer">The token's <c>iss</c>.</param>
/// <param name="SalesforceUserId">
/// The Salesforce User id (15 or 18 characters) of a caller from a Salesforce org, from exactly one of: the
/// <c>sf_user_id</c> claim (tokens the service's issuers mint for Salesforce users), or a <c>sub</c> that is Salesforce's
/// identity URL <c>https://HOST/id/ORG_ID/USER_ID</c> (Salesforce's own OpenID Connect tokens). A token with either is
/// a Salesforce caller even if it also carries an <c>oid</c>.
/// </param>
/// <param name="SalesforceOrgId">The org id from the identity URL or the <c>organization_id</c> claim, when the token says it.</param>
internal sealed partial record CallerIdentity(string Subject, Guid? EntraObjectId, string Issuer, string? SalesforceUserId = null, string? SalesforceOrgId = null)
{
    public const string ObjectIdClaim = "oid";

    public const string SalesforceUserIdClaim = "sf_user_id";

    public const string SalesforceOrgIdClaim = "organization_id";

    public const string SubjectClaim = "sub";

    public const string NameClaim = "name";

    /// <summary>Reads the claims as issued; inbound claim-type mapping is off, so <c>oid</c> and <c>sub</c> keep their names.</summary>
    public static CallerIdentity From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(SubjectClaim);
        var oid = principal.FindFirst(ObjectIdClaim)?.Value;
        var salesforce = principal.FindFirst(SalesforceUserIdClaim)?.Value;
        var org = principal.FindFirst(SalesforceOrgIdClaim)?.Value;
        if (string.IsNullOrWhiteSpace(salesforce) && subject?.Value is { } sub && IdentityUrl().Match(sub) is { Success: true } url)
        {
            (org, salesforce) = (url.Groups["org"].Value, url.Groups["user"].Value);
        }

        return new CallerIdentity(
            subject?.Value ?? string.Empty,
            Guid.TryParse(oid, out var id) && id != Guid.Empty ? id : null,
            subject?.Issuer ?? principal.FindFirst(ObjectIdClaim)?.Issuer ?? string.Empty,
            string.IsNullOrWhiteSpace(salesforce) ? null : salesforce.Trim(),
            string.IsNullOrWhiteSpace(org) ? null : org.Trim());
    }

    /// <summary>Salesforce's identity URL: <c>https://login.salesforce.com/id/00D…/005…</c> (any login or My Domain host).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^https://[A-Za-z0-9.-]+/id/(?<org>00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)/(?<user>005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 100)]
    private static partial System.Text.RegularExpressions.Regex IdentityUrl();

    /// <summary>How the audit trail names a caller who has no CRM user (yet).</summary>
    public string AuditActor => SalesforceUserId is { } sf ? $"sf-user:{sf}" : EntraObjectId is { } oid ? $"entra-oid:{oid:D}" : $"token-sub:{Subject}";
}
