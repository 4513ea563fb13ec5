namespace CrmRecording.Service.Pages;

/// <summary>The <c>Pages</c> configuration section: where the service's pages may be framed and which CRM orgs they trust.</summary>
public sealed class PageOptions
{
    public const string Section = "Pages";

    /// <summary>
    /// The Dynamics 365 hosts by region (<c>crm</c> North America, <c>crm4</c> Europe, ...): the Unified Interface
    /// runs on <c>https://ORG.crmN.dynamics.com</c>, the only place a CIF panel or a web resource frames our pages from.
    /// </summary>
    public static readonly string[] DynamicsHosts =
    [
        "*.crm.dynamics.com", "*.crm2.dynamics.com", "*.crm3.dynamics.com", "*.crm4.dynamics.com",
        "*.crm5.dynamics.com", "*.crm6.dynamics.com", "*.crm7.dynamics.com", "*.crm8.dynamics.com",
        "*.crm9.dynamics.com", "*.crm11.dynamics.com", "*.crm12.dynamics.com", "*.crm14.dynamics.com",
        "*.crm15.dynamics.com", "*.crm16.dynamics.com", "*.crm17.dynamics.com", "*.crm19.dynamics.com",
        "*.crm20.dynamics.com", "*.crm21.dynamics.com",
    ];

    /// <summary>
    /// Origins allowed to frame the pages (<c>Content-Security-Policy: frame-ancestors</c>), as CSP source
    /// expressions: <c>https://contoso.crm.dynamics.com</c> or <c>https://*.crm.dynamics.com</c>. Empty means the
    /// Dynamics hosts above over https. The service's own origin is always allowed.
    /// </summary>
    public string[] FrameAncestors { get; set; } = [];

    /// <summary>
    /// CRM orgs whose scripts a page may load (the dialer loads the CIF library from the org named in <c>?base=</c>),
    /// as origins with an optional leading <c>*.</c> wildcard label. Empty means the Dynamics hosts above over https.
    /// </summary>
    public string[] OrgOrigins { get; set; } = [];

    /// <summary>
    /// Lightning Experience runs on <c>https://MYDOMAIN.lightning.force.com</c> (the Open CTI softphone's parent) and
    /// Salesforce's own pages on <c>https://MYDOMAIN.my.salesforce.com</c>: the hosts that frame the dialer and link to the player.
    /// </summary>
    public static readonly string[] SalesforceHosts = ["*.lightning.force.com", "*.my.salesforce.com"];

    /// <summary>
    /// The Salesforce org's My Domain name (<c>contoso</c>, or <c>contoso--uat.sandbox</c> for a sandbox org). When set,
    /// only that org's <c>https://contoso.lightning.force.com</c> and <c>https://contoso.my.salesforce.com</c> are trusted
    /// by default instead of every org's.
    /// </summary>
    public string? SalesforceMyDomain { get; set; }

    /// <summary>
    /// Salesforce orgs whose Open CTI library the Salesforce dialer may load (the <c>sfdcIframeOrigin</c> Salesforce passes)
    /// and that may frame the pages, as origins. Empty means the <see cref="SalesforceMyDomain"/>'s hosts, or every org's
    /// <see cref="SalesforceHosts"/> when no My Domain is set.
    /// </summary>
    public string[] SalesforceOrgOrigins { get; set; } = [];

    /// <summary>Whether Salesforce is in use (<c>Salesforce:Mode</c> is not <c>off</c>): only then do its hosts join the defaults.</summary>
    internal bool SalesforceInUse { get; set; }

    internal IReadOnlyList<string> EffectiveFrameAncestors =>
        FrameAncestors.Length > 0 ? FrameAncestors
        : [.. DynamicsHosts.Select(h => "https://" + h), .. SalesforceInUse ? EffectiveSalesforceOrgOrigins : []];

    internal IReadOnlyList<string> EffectiveSalesforceOrgOrigins =>
        SalesforceOrgOrigins.Length > 0 ? SalesforceOrgOrigins
        : SalesforceMyDomain is { Length: > 0 } domain ? [$"https://{domain}.lightning.force.com", $"https://{domain}.my.salesforce.com"]
        : [.. SalesforceHosts.Select(h => "https://" + h)];

    internal IReadOnlyList<string> EffectiveOrgOrigins =>
        OrgOrigins.Length > 0 ? OrgOrigins : [.. DynamicsHosts.Select(h => "https://" + h)];
}
