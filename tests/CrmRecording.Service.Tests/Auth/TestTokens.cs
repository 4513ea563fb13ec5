using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmRecording.Service.Tests.Auth;

/// <summary>An HS256 issuer the tests configure under <c>Auth:Issuers</c>, and tokens from it (or forged ones).</summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.test/tenant/v2.0";

    public const string Audience = "api://crmrecording-tests";

    public static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The settings that make the service trust <see cref="Issuer"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(int index = 0) =>
    [
        new($"Auth:Issuers:{index}:Issuer", Issuer),
        new($"Auth:Issuers:{index}:Audience", Audience),
        new($"Auth:Issuers:{index}:SigningKey", Convert.ToBase64String(Key)),
    ];

    public static string Mint(
        Guid? oid,
        string subject = "subject-1",
        TimeSpan? expiresIn = null,
        string issuer = Issuer,
        string audience = Audience,
        byte[]? key = null,
        DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        var claims = new List<Claim> { new("sub", subject) };
        if (oid is { } id)
        {
            claims.Add(new Claim("oid", id.ToString("D")));
        }

        var expires = at + (expiresIn ?? TimeSpan.FromMinutes(30));
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (expires < at ? expires : at).UtcDateTime.AddMinutes(-1),
            NotBefore = (expires < at ? expires : at).UtcDateTime.AddMinutes(-1),
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string WithoutSignature(Guid oid)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"subject-1","oid":"{{oid:D}}","nbf":{{now - 60}},"iat":{{now - 60}},"exp":{{now + 1800}}}"""));
        return $"{header}.{payload}.";
    }
}
