using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmRecording.Service.Auth;

/// <summary>
/// The sandbox's own token issuer: an HS256 key generated at start and kept only in memory (tokens die with
/// the process), so playback can be tried with curl against the seeded CRM users. Registered only in sandbox
/// mode; in remote mode neither this issuer nor <c>/sandbox/token</c> exists.
/// </summary>
internal sealed class SandboxTokenIssuer
{
    public const string Issuer = "urn:crmrecording:sandbox";

    public const string Audience = "urn:crmrecording:playback";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public SymmetricSecurityKey Key { get; } = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "sandbox" };

    /// <summary>A token for a CRM user: <c>oid</c> is the Entra object id the service maps back to the user, <c>sub</c> the user id.</summary>
    public string Mint(Guid entraObjectId, Guid userId, string? name, DateTimeOffset now) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(CallerIdentity.ObjectIdClaim, entraObjectId.ToString("D")),
                new Claim(JwtRegisteredClaimNames.Sub, userId.ToString("D")),
                new Claim(CallerIdentity.NameClaim, name ?? userId.ToString("D")),
            ]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A token for a Salesforce user: <c>sf_user_id</c> names the User (the <c>sub</c> too, for the audit trail); no <c>oid</c>.</summary>
    public string MintSalesforce(string salesforceUserId, string? name, DateTimeOffset now) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(CallerIdentity.SalesforceUserIdClaim, salesforceUserId),
                new Claim(JwtRegisteredClaimNames.Sub, salesforceUserId),
                new Claim(CallerIdentity.NameClaim, name ?? salesforceUserId),
            ]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
}
