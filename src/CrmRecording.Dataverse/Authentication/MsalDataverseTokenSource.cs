using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace CrmRecording.Dataverse.Authentication;

/// <summary>
/// Tokens for the Dataverse application user by the OAuth 2.0 client-credentials flow (MSAL), with the
/// scope <c>{EnvironmentUrl}/.default</c>. MSAL keeps the token in its in-memory app cache and asks Entra
/// again only near expiry, so register one instance per environment (a singleton).
/// </summary>
public sealed class MsalDataverseTokenSource : IDataverseTokenSource, IDisposable
{
    private readonly IConfidentialClientApplication application;
    private readonly string[] scopes;
    private readonly X509Certificate2? certificate;

    public MsalDataverseTokenSource(DataverseClientOptions options)
        : this(options, httpClientFactory: null)
    {
    }

    /// <summary>For tests: MSAL's token requests go through <paramref name="httpClientFactory"/>, with no instance discovery.</summary>
    internal MsalDataverseTokenSource(DataverseClientOptions options, IMsalHttpClientFactory? httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        if (!string.IsNullOrWhiteSpace(options.StaticAccessToken))
        {
            throw new ArgumentException($"{nameof(options.StaticAccessToken)} is set: use {nameof(StaticDataverseTokenSource)} for the local stand-in.", nameof(options));
        }

        scopes = [options.Scope];
        var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId)
            .WithAuthority($"{options.AuthorityHost.GetLeftPart(UriPartial.Authority)}/{options.TenantId}");
        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            builder = builder.WithClientSecret(options.ClientSecret);
        }
        else
        {
            certificate = LoadCertificate(options);
            builder = builder.WithCertificate(certificate);
        }

        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory).WithInstanceDiscovery(false);
        }

        application = builder.Build();
    }

    public async ValueTask<DataverseAccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var result = await application.AcquireTokenForClient(scopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return new DataverseAccessToken(result.AccessToken, result.ExpiresOn);
    }

    public void Dispose() => certificate?.Dispose();

    private static X509Certificate2 LoadCertificate(DataverseClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (!File.Exists(options.CertificatePath))
            {
                throw new FileNotFoundException($"{nameof(options.CertificatePath)} {options.CertificatePath} does not exist.", options.CertificatePath);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }

        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.CertificateThumbprint!, validOnly: false);
        if (found.Count == 0)
        {
            throw new InvalidOperationException(
                $"{nameof(options.CertificateThumbprint)} {options.CertificateThumbprint} is not in the current user's personal certificate store.");
        }

        return found[0];
    }
}
