namespace CrmRecording.Service.SignIn;

/// <summary>
/// Where a sign-in may send the browser back to: a path on this service only. An absolute URL, a
/// scheme-relative <c>//host</c>, a backslash (browsers read <c>/\host</c> as <c>//host</c>) or a control
/// character would make the sign-in an open redirect, and is refused.
/// </summary>
internal static class ReturnUrl
{
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c));
}
