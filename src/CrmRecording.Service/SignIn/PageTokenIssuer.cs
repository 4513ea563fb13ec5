using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// Issues the short-lived bearer tokens the service's pages call the API with (HS256 under
/// <see cref="SignInOptions.PageTokenKey"/>, or a key generated at start). A token never outlives the sign-in
/// it comes from: its <c>exp</c> is capped at the session's absolute end, carried along as <c>session_exp</c>.
/// </summary>
internal sealed partial class PageTokenIssuer
{
    public const string Issuer = "urn:crmrecording:pages";

    public const string Audience = "urn:crmrecording:api";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TimeSpan _lifetime;

    public PageTokenIssuer(IOptions<SignInOptions> options, ILogger<PageTokenIssuer> log)
    {
        _lifetime = options.Value.PageTokenLifetime;
        var configured = options.Value.PageTokenKeyBytes();
        if (configured is null)
        {
            GeneratedKey(log);
        }

        Key = new SymmetricSecurityKey(configured ?? RandomNumberGenerator.GetBytes(32)) { KeyId = "pages" };
    }

    public SymmetricSecurityKey Key { get; }

    /// <returns>The token and when it expires; null when the session has already ended.</returns>
    public IssuedPageToken? Mint(PageUser user, DateTimeOffset now)
    {
        // Whole seconds, as the token carries them, so the answer's expiresAt is the token's exp exactly.
        now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        if (user.SessionExpiresAt <= now)
        {
            return null;
        }

        var expires = now + _lifetime < user.SessionExpiresAt ? now + _lifetime : user.SessionExpiresAt;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(Claims(user)),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedPageToken(token, now, expires, user);
    }

    /// <summary>
    /// The CRM user key: <c>oid</c> for a Dynamics user; <c>sf_user_id</c> and <c>organization_id</c> for a Salesforce
    /// User, whose <c>sub</c> is the identity URL, so a media link (which keeps only <c>sub</c>) still names them.
    /// </summary>
    private static IEnumerable<Claim> Claims(PageUser user)
    {
        yield return new Claim(JwtRegisteredClaimNames.Sub, user.Subject);
        if (user.SalesforceUserId is { } sf)
        {
            yield return new Claim(Auth.CallerIdentity.SalesforceUserIdClaim, sf);
            if (user.SalesforceOrgId is { } org)
            {
                yield return new Claim(Auth.CallerIdentity.SalesforceOrgIdClaim, org);
            }
        }
        else if (user.ObjectId is { } oid)
        {
            yield return new Claim(Auth.CallerIdentity.ObjectIdClaim, oid.ToString("D"));
        }

        yield return new Claim(Auth.CallerIdentity.NameClaim, user.Name);
        yield return new Claim(PageUser.SessionExpiresClaim, user.SessionExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);
        yield return new Claim(JwtRegisteredClaimNames.Jti, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page tokens are signed with a key generated at start (Pages:SignIn:PageTokenKey is not set): they end with this process and other instances do not accept them")]
    private static partial void GeneratedKey(ILogger logger);
}

/// <summary>A page token as handed to a page.</summary>
internal sealed record IssuedPageToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, PageUser User);
