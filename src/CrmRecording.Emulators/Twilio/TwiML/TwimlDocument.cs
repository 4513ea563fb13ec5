namespace CrmRecording.Emulators.Twilio.TwiML;

/// <summary>A parsed <c>&lt;Response&gt;</c> and the URL it was fetched from (relative URLs in it resolve against that).</summary>
internal sealed record TwimlDocument(IReadOnlyList<TwimlVerb> Verbs, Uri? Source)
{
    /// <summary>An absolute URL from an attribute or verb body, resolved against <see cref="Source"/> as Twilio does.</summary>
    public string? Resolve(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.OriginalString;
        }

        return Source is not null && Uri.TryCreate(Source, url, out var relative) ? relative.AbsoluteUri : url;
    }
}
