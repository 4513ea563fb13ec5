using CrmRecording.Service.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CrmRecording.Service.SignIn;

/// <summary>
/// Sign-in for the service's pages: the service is an OpenID Connect client (authorization code + PKCE) of the
/// CRM's identity provider — the sandbox's own provider when none is configured in sandbox mode; top-level pages
/// keep a session cookie; embedded pages get page tokens, which the API accepts as one more bearer issuer.
/// </summary>
internal static class PageSignIn
{
    public const string CookieScheme = "PageSession";

    public const string OpenIdScheme = "PageOpenIdConnect";

    /// <summary>The Salesforce org as the provider, for pages opened inside Lightning.</summary>
    public const string SalesforceOpenIdScheme = "PageOpenIdConnect:salesforce";

    public const string PageTokenScheme = "Bearer:pages";

    public const string CookieName = "crr.session";

    /// <summary>Authentication property holding the sign-in's absolute end (round-trip date), kept in the cookie.</summary>
    public const string SessionExpiresItem = ".crr.session_expires";

    public static IServiceCollection AddPageSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidation>();
        // Sandbox mode signs in with the sandbox's own provider unless another one is configured.
        var sandboxProvider = (configuration["Dataverse:Mode"] ?? "sandbox") == "sandbox" && string.IsNullOrEmpty(configuration[$"{SignInOptions.Section}:Authority"]);
        if (sandboxProvider)
        {
            services.AddSingleton<Sandbox.SandboxOpenId>();
            services.AddHostedService(sp => sp.GetRequiredService<Sandbox.SandboxOpenId>());
        }

        services.AddSingleton<PageTokenIssuer>();
        services.AddSingleton(new IssuerScheme(PageTokenIssuer.Issuer, PageTokenScheme));
        services.AddSingleton<OpenIdSignInEvents>();
        services.AddSingleton<PageSessionEvents>();
        services.AddSingleton<PageTokens>();
        services.AddAuthentication()
            .AddCookie(CookieScheme, _ => { })
            .AddOpenIdConnect(OpenIdScheme, _ => { })
            .AddJwtBearer(PageTokenScheme, _ => { });
        if (sandboxProvider)
        {
            // After the handler's own post-configuration, which leaves the discovery client to this one.
            services.AddSingleton<IPostConfigureOptions<OpenIdConnectOptions>>(sp => sp.GetRequiredService<Sandbox.SandboxOpenId>());
        }

        AddSalesforceSignIn(services, configuration);
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<SignInOptions>, TimeProvider>(ConfigureCookie);
        services.AddOptions<OpenIdConnectOptions>(OpenIdScheme).Configure<IOptions<SignInOptions>, TimeProvider, IServiceProvider>(ConfigureOpenId);
        services.AddOptions<JwtBearerOptions>(PageTokenScheme).Configure<IOptions<AuthOptions>, TimeProvider, PageTokenIssuer>((jwt, auth, time, issuer) =>
        {
            CallerAuthentication.Configure(jwt, PageTokenIssuer.Issuer, PageTokenIssuer.Audience, auth.Value, time);
            jwt.TokenValidationParameters.IssuerSigningKey = issuer.Key;
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        });
        return services;
    }

    /// <summary>
    /// The Salesforce org's sign-in, beside the Dynamics one, wherever Salesforce is in use: the org configured under
    /// <c>Pages:SignIn:Salesforce</c>, or in sandbox mode the sandbox's Salesforce sign-in page.
    /// </summary>
    private static void AddSalesforceSignIn(IServiceCollection services, IConfiguration configuration)
    {
        var mode = Crm.SalesforceServices.Mode(configuration);
        var configured = !string.IsNullOrEmpty(configuration[$"{SalesforceSignInOptions.Section}:Authority"]);
        if (mode == "off" || (!configured && mode != "sandbox"))
        {
            return;
        }

        services.AddOptions<SalesforceSignInOptions>().Bind(configuration.GetSection(SalesforceSignInOptions.Section))
            .Validate(o => o.Authority is null || (o.Authority.Scheme == Uri.UriSchemeHttps || TokenIssuerOptions.IsLoopback(o.Authority)), $"{SalesforceSignInOptions.Section}:Authority must be an https URL such as https://contoso.my.salesforce.com.")
            .Validate(o => o.Authority is null || (!string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret)), $"{SalesforceSignInOptions.Section}:ClientId and ClientSecret (the External Client App's consumer key and secret) are required with its Authority.")
            .Validate(o => o.CallbackPath.StartsWith('/') && o.CallbackPath.Length > 1 && !o.CallbackPath.Contains('?', StringComparison.Ordinal), $"{SalesforceSignInOptions.Section}:CallbackPath must be a path such as /signin-oidc-salesforce.")
            .ValidateOnStart();
        services.AddSingleton(new SalesforcePageSignIn(Sandbox: !configured));
        if (!configured)
        {
            services.AddSingleton<Sandbox.SandboxSalesforceOpenId>();
            services.AddHostedService(sp => sp.GetRequiredService<Sandbox.SandboxSalesforceOpenId>());
            services.AddSingleton<IPostConfigureOptions<OpenIdConnectOptions>>(sp => sp.GetRequiredService<Sandbox.SandboxSalesforceOpenId>());
        }

        services.AddAuthentication().AddOpenIdConnect(SalesforceOpenIdScheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(SalesforceOpenIdScheme).Configure<IOptions<SalesforceSignInOptions>, TimeProvider, IServiceProvider>((oidc, options, time, sp) =>
        {
            var settings = options.Value;
            ConfigureClient(oidc, settings.Authority, settings.ClientId, settings.ClientSecret, sp.GetService<Sandbox.SandboxSalesforceOpenId>()?.ClientSecret, settings.CallbackPath, settings.Scopes, time);
        });
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, IOptions<SignInOptions> options, TimeProvider time)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.HttpOnly = true;
        // Lax: sent when the provider redirects the browser back (a top-level GET), never on cross-site
        // subrequests, so an embedded page cannot lean on it and a cross-site POST cannot use it.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.Path = "/";
        cookie.ExpireTimeSpan = options.Value.SessionIdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/signin";
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.TimeProvider = time;
        cookie.EventsType = typeof(PageSessionEvents);
    }

    private static void ConfigureOpenId(OpenIdConnectOptions oidc, IOptions<SignInOptions> options, TimeProvider time, IServiceProvider services)
    {
        var settings = options.Value;
        ConfigureClient(oidc, settings.Authority, settings.ClientId, settings.ClientSecret, services.GetService<Sandbox.SandboxOpenId>()?.ClientSecret, settings.CallbackPath, settings.Scopes, time);
    }

    /// <summary>
    /// The client of the configured provider, else of the sandbox's own (whose discovery client is added after the
    /// handler's post-configuration, see <see cref="Sandbox.SandboxOpenId"/>), then what both share.
    /// </summary>
    private static void ConfigureClient(OpenIdConnectOptions oidc, Uri? authority, string? clientId, string? clientSecret, string? sandboxClientSecret, string callbackPath, IEnumerable<string> scopes, TimeProvider time)
    {
        if (authority is not null)
        {
            oidc.Authority = authority.AbsoluteUri.TrimEnd('/');
            oidc.ClientId = clientId;
            oidc.ClientSecret = clientSecret;
            oidc.RequireHttpsMetadata = !TokenIssuerOptions.IsLoopback(authority);
        }
        else if (sandboxClientSecret is not null)
        {
            oidc.ClientId = Sandbox.SandboxOpenId.ClientId;
            oidc.ClientSecret = sandboxClientSecret;
            oidc.RequireHttpsMetadata = false;
        }

        ConfigureCommon(oidc, callbackPath, scopes, time);
    }

    /// <summary>What both providers' clients share: code + PKCE answered by query, the cookie session, no tokens kept.</summary>
    private static void ConfigureCommon(OpenIdConnectOptions oidc, string callbackPath, IEnumerable<string> scopes, TimeProvider time)
    {
        oidc.SignInScheme = CookieScheme;
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
        // SameSite=Lax and work over plain http on loopback (form_post would need SameSite=None; Secure).
        oidc.ResponseMode = "query";
        oidc.CallbackPath = callbackPath;
        oidc.Scope.Clear();
        foreach (var scope in scopes.Prepend("openid").Distinct(StringComparer.Ordinal))
        {
            oidc.Scope.Add(scope);
        }

        // The provider's tokens are used once, to learn who signed in; they are not kept in the cookie.
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.MapInboundClaims = false;
        oidc.DisableTelemetry = true;
        oidc.TokenValidationParameters.NameClaimType = CallerIdentity.NameClaim;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.TimeProvider = time;
        oidc.EventsType = typeof(OpenIdSignInEvents);
    }
}
