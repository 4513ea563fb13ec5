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
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Subject),
                new Claim(Auth.CallerIdentity.ObjectIdClaim, user.ObjectId.ToString("D")),
                new Claim(Auth.CallerIdentity.NameClaim, user.Name),
                new Claim(PageUser.SessionExpiresClaim, user.SessionExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
                new Claim(JwtRegisteredClaimNames.Jti, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
            ]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedPageToken(token, now, expires, user);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page tokens are signed with a key generated at start (Pages:SignIn:PageTokenKey is not set): they end with this process and other instances do not accept them")]
    private static partial void GeneratedKey(ILogger logger);
}

/// <summary>A page token as handed to a page.</summary>
internal sealed record IssuedPageToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, PageUser User);
