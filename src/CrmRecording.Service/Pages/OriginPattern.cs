namespace CrmRecording.Service.Pages;

/// <summary>
/// An origin allowed by configuration: <c>https://contoso.crm.dynamics.com</c>, or <c>https://*.crm.dynamics.com</c>
/// where the wildcard stands for exactly one or more leading labels (as in CSP), never for the scheme or the port.
/// </summary>
internal readonly record struct OriginPattern(string Scheme, string Host, int Port, bool Wildcard)
{
    public static OriginPattern Parse(string text)
    {
        var wildcard = false;
        var candidate = text.Trim();
        var schemeEnd = candidate.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && candidate.AsSpan(schemeEnd + 3).StartsWith("*."))
        {
            wildcard = true;
            candidate = string.Concat(candidate.AsSpan(0, schemeEnd + 3), candidate.AsSpan(schemeEnd + 5));
        }

        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new FormatException($"'{text}' is not an origin such as https://contoso.crm.dynamics.com or https://*.crm.dynamics.com.");
        }

        return new OriginPattern(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.Port, wildcard);
    }

    /// <summary>Whether <paramref name="origin"/> (scheme, host and port; nothing else) is allowed.</summary>
    public bool Matches(Uri origin)
    {
        if (!string.Equals(origin.Scheme, Scheme, StringComparison.Ordinal) || origin.Port != Port)
        {
            return false;
        }

        var host = origin.IdnHost.ToLowerInvariant();
        return Wildcard
            ? host.Length > Host.Length + 1 && host.EndsWith("." + Host, StringComparison.Ordinal)
            : string.Equals(host, Host, StringComparison.Ordinal);
    }

    public override string ToString()
    {
        var port = (Scheme, Port) is ("https", 443) or ("http", 80) ? string.Empty : $":{Port}";
        return $"{Scheme}://{(Wildcard ? "*." : string.Empty)}{Host}{port}";
    }
}
