using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmRecording.Salesforce.Authentication;

/// <summary>
/// The JWT of the OAuth 2.0 JWT bearer flow: <c>iss</c> the consumer key, <c>sub</c> the username, <c>aud</c> the
/// login host, <c>exp</c> three minutes ahead (Salesforce refuses assertions valid for longer), signed RS256 with the
/// private key of the certificate uploaded to the External Client App.
/// </summary>
internal sealed class JwtAssertion : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    private readonly RSA key;
    private readonly SigningCredentials credentials;
    private readonly SalesforceClientOptions options;

    public JwtAssertion(SalesforceClientOptions options)
    {
        this.options = options;
        key = LoadKey(options);
        credentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256);
    }

    public string Create(DateTimeOffset now)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.ClientId,
            Audience = options.AudienceValue,
            Claims = new Dictionary<string, object> { ["sub"] = options.Username! },
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = credentials,
        });
    }

    public void Dispose() => key.Dispose();

    private static RSA LoadKey(SalesforceClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
            return certificate.GetRSAPrivateKey() ?? throw new ArgumentException($"The certificate in {options.CertificatePath} holds no RSA private key.", nameof(options));
        }

        var pem = options.PrivateKeyPem is { Length: > 0 } inline ? inline : File.ReadAllText(options.PrivateKeyPath!);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (ArgumentException e)
        {
            rsa.Dispose();
            throw new ArgumentException($"The private key is not an RSA key in PEM form: {e.Message}", nameof(options), e);
        }
    }
}
