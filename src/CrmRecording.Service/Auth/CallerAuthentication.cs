using CrmRecording.Service.Options;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CrmRecording.Service.Auth;

/// <summary>
/// Bearer-token authentication of people calling the API: one JWT bearer scheme per trusted issuer (plus the
/// sandbox's own in sandbox mode) behind a policy scheme that routes each token by its <c>iss</c>. Signature,
/// issuer, audience and lifetime (on the injected clock) are always validated; unsigned tokens are refused.
/// </summary>
internal static class CallerAuthentication
{
    /// <summary>The scheme endpoints name; it forwards to the issuer's scheme.</summary>
    public const string Scheme = "Bearer";

    /// <summary>Authorization policy: a valid token from a trusted issuer.</summary>
    public const string Policy = "crm-caller";

    public const string SandboxScheme = "Bearer:sandbox";

    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
    ];

    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, IConfiguration configuration, bool sandbox)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IOptions<DataverseOptions>>(
                (auth, dataverse) => dataverse.Value.Mode != "remote" || auth.Issuers.Count > 0,
                "Auth:Issuers must list at least one token issuer in remote mode (Issuer, Audience and MetadataAddress, e.g. https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration).")
            .ValidateOnStart();

        // The schemes are fixed when the host is built, so the issuer list is read from configuration here;
        // the options validated on start are bound from the same section.
        var issuers = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.Issuers ?? [];
        var authentication = services.AddAuthentication();
        var schemeByIssuer = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < issuers.Count; i++)
        {
            var index = i;
            var scheme = $"Bearer:{index}";
            schemeByIssuer.TryAdd(issuers[index].Issuer, scheme);
            authentication.AddJwtBearer(scheme, _ => { });
            services.AddOptions<JwtBearerOptions>(scheme).Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, time) =>
            {
                var issuer = auth.Value.Issuers[index];
                Configure(jwt, issuer.Issuer, issuer.Audience, auth.Value.ClockSkew, time);
                if (issuer.SigningKeyBytes() is { } key)
                {
                    jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
                    jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }
                else
                {
                    jwt.MetadataAddress = issuer.MetadataAddress!.AbsoluteUri;
                    jwt.RequireHttpsMetadata = !TokenIssuerOptions.IsLoopback(issuer.MetadataAddress);
                    jwt.TokenValidationParameters.ValidAlgorithms = AsymmetricAlgorithms;
                }
            });
        }

        if (sandbox)
        {
            services.AddSingleton<SandboxTokenIssuer>();
            schemeByIssuer[SandboxTokenIssuer.Issuer] = SandboxScheme;
            authentication.AddJwtBearer(SandboxScheme, _ => { });
            services.AddOptions<JwtBearerOptions>(SandboxScheme).Configure<IOptions<AuthOptions>, TimeProvider, SandboxTokenIssuer>((jwt, auth, time, sandboxIssuer) =>
            {
                Configure(jwt, SandboxTokenIssuer.Issuer, SandboxTokenIssuer.Audience, auth.Value.ClockSkew, time);
                jwt.TokenValidationParameters.IssuerSigningKey = sandboxIssuer.Key;
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            });
        }

        // Remote mode without issuers never starts (validated above), so "Bearer:0" exists whenever it is the fallback.
        var fallback = sandbox ? SandboxScheme : "Bearer:0";
        // Issuers the service runs itself (the pages' sign-in) add their scheme through DI.
        services.AddSingleton(sp => new IssuerSchemes(
            sp.GetServices<IssuerScheme>().Aggregate(new Dictionary<string, string>(schemeByIssuer, StringComparer.Ordinal), (map, extra) =>
            {
                map[extra.Issuer] = extra.Scheme;
                return map;
            }),
            fallback));
        authentication.AddPolicyScheme(Scheme, "Bearer token from a trusted issuer", policy =>
            policy.ForwardDefaultSelector = context => context.RequestServices.GetRequiredService<IssuerSchemes>().Select(context));
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The checks every bearer scheme makes: issuer, audience, signature, lifetime on the service's clock.</summary>
    internal static void Configure(JwtBearerOptions jwt, string issuer, string audience, TimeSpan clockSkew, TimeProvider time)
    {
        // Claims keep their JWT names (oid, sub), not the WS-Federation URIs the handler would map them to.
        jwt.MapInboundClaims = false;
        jwt.TimeProvider = time;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ClockSkew = clockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.IsCurrent(notBefore, expires, time.GetUtcNow(), clockSkew),
            NameClaimType = CallerIdentity.NameClaim,
        };
    }
}
