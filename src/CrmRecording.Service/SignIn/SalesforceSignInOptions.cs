namespace CrmRecording.Service.SignIn;

/// <summary>
/// The <c>Pages:SignIn:Salesforce</c> section: the Salesforce org as the OpenID Connect provider of the pages opened
/// inside Lightning (the Open CTI dialer, the player linked from a Salesforce record). Salesforce is an OpenID provider:
/// <see cref="Authority"/> is the org's My Domain (<c>https://contoso.my.salesforce.com</c>) or
/// <c>https://login.salesforce.com</c>, the client an External Client App with the <c>openid</c> scope and the callback
/// <c>{PublicBaseUrl}{CallbackPath}</c>. The ID token's <c>sub</c> is the identity URL
/// <c>https://login.salesforce.com/id/ORG_ID/USER_ID</c>, which names the Salesforce User. In sandbox mode with no
/// <see cref="Authority"/> the sandbox's Salesforce sign-in page over the seeded Salesforce users is used.
/// </summary>
public sealed class SalesforceSignInOptions
{
    public const string Section = "Pages:SignIn:Salesforce";

    /// <summary>The org's issuer; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The External Client App's consumer key.</summary>
    public string? ClientId { get; set; }

    /// <summary>The External Client App's consumer secret (sent to the token endpoint only; never logged).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes requested; <c>openid</c> is always added.</summary>
    public string[] Scopes { get; set; } = ["openid"];

    /// <summary>Where the org sends the browser back; a path of its own, apart from the Dynamics sign-in's.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc-salesforce";
}
