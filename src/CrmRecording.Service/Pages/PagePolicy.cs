using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Pages;

/// <summary>
/// The security headers of every HTML page the service serves: a strict Content-Security-Policy (scripts and
/// styles from the service itself, plus the CRM org's own library where a page names it), <c>frame-ancestors</c>
/// from <see cref="PageOptions"/> so only the CRM may frame the page, and never <c>X-Frame-Options</c> (which
/// cannot name another origin and would forbid the CRM's iframe).
/// </summary>
public sealed class PagePolicy
{
    private readonly IReadOnlyList<OriginPattern> _orgOrigins;
    private readonly IReadOnlyList<OriginPattern> _salesforceOrigins;
    private readonly string _frameAncestors;
    private readonly IReadOnlyList<IRuntimePageOrigins> _runtime;

    public PagePolicy(IOptions<PageOptions> options)
        : this(options, [])
    {
    }

    public PagePolicy(IOptions<PageOptions> options, IEnumerable<IRuntimePageOrigins> runtime)
    {
        var value = options.Value;
        _orgOrigins = [.. value.EffectiveOrgOrigins.Select(OriginPattern.Parse)];
        _salesforceOrigins = value.SalesforceInUse ? [.. value.EffectiveSalesforceOrgOrigins.Select(OriginPattern.Parse)] : [];
        _frameAncestors = string.Join(' ', ["'self'", .. value.EffectiveFrameAncestors.Select(a => OriginPattern.Parse(a).ToString())]);
        _runtime = [.. runtime];
    }

    /// <summary>The CSP <c>frame-ancestors</c> sources, <c>'self'</c> first, then the origins known only at run time.</summary>
    public string FrameAncestors => string.Join(' ', [_frameAncestors, .. RuntimeOrigins.Select(o => o.ToString())]);

    private IEnumerable<OriginPattern> RuntimeOrigins => _runtime.SelectMany(r => r.Origins).Select(OriginPattern.Parse);

    /// <summary>
    /// Reads a CRM org origin passed to a page (the Dynamics dialer's <c>?base=</c>, the Salesforce dialer's
    /// <c>?sfdcIframeOrigin=</c>): the origin when it is an absolute http(s) URL of an org allowed for that CRM
    /// (<c>Pages:OrgOrigins</c> for Dynamics, <c>Pages:SalesforceOrgOrigins</c> for Salesforce) with nothing but an
    /// optional trailing slash after the host; otherwise null.
    /// </summary>
    public Uri? AllowedOrg(string? text, string crm = Crm.CrmRecordRef.Dynamics)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 256
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        foreach (var pattern in (crm == Crm.CrmRecordRef.Salesforce ? _salesforceOrigins : _orgOrigins).Concat(RuntimeOrigins))
        {
            if (pattern.Matches(uri))
            {
                return new Uri(uri.GetLeftPart(UriPartial.Authority));
            }
        }

        return null;
    }

    /// <summary>Whether a page was opened from (linked or framed by) a Salesforce org: its <c>Referer</c>'s origin is one.</summary>
    public bool IsSalesforceOrigin(string? referer) =>
        Uri.TryCreate(referer, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
        && _salesforceOrigins.Any(p => p.Matches(new Uri(uri.GetLeftPart(UriPartial.Authority))));

    /// <summary>
    /// The Content-Security-Policy of a page that may also load scripts from, connect to and frame the given origins.
    /// <paramref name="styleNonce"/> admits the style elements a library adds at run time (wavesurfer.js draws in a
    /// shadow root and styles it with a <c>&lt;style&gt;</c> carrying the page's nonce); nothing else inline runs.
    /// </summary>
    public string ContentSecurityPolicy(IEnumerable<string>? scriptOrigins = null, IEnumerable<string>? connectOrigins = null, string? styleNonce = null, IEnumerable<string>? frameOrigins = null)
    {
        var scripts = string.Join(' ', ["'self'", .. scriptOrigins ?? []]);
        var connect = string.Join(' ', ["'self'", .. connectOrigins ?? []]);
        var frames = string.Join(' ', ["'self'", .. frameOrigins ?? []]);
        var styles = styleNonce is null ? "'self'" : $"'self' 'nonce-{styleNonce}'";
        return $"default-src 'none'; script-src {scripts}; style-src {styles}; img-src 'self' data:; media-src 'self'; " +
            $"connect-src {connect}; frame-src {frames}; form-action 'self'; base-uri 'none'; object-src 'none'; " +
            $"frame-ancestors {FrameAncestors}";
    }

    /// <summary>Sets the page headers on <paramref name="response"/>.</summary>
    public void Apply(HttpResponse response, IEnumerable<string>? scriptOrigins = null, IEnumerable<string>? connectOrigins = null, string? styleNonce = null, IEnumerable<string>? frameOrigins = null)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(scriptOrigins, connectOrigins, styleNonce, frameOrigins);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        response.Headers.Remove("X-Frame-Options");
    }
}
