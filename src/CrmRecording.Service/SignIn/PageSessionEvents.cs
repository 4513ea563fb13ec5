using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CrmRecording.Service.SignIn;

/// <summary>The session cookie slides while pages are used, but never past the sign-in's absolute end.</summary>
internal sealed class PageSessionEvents(TimeProvider time) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (SessionExpiresAt(context.Properties) is not { } end || end <= time.GetUtcNow())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PageSignIn.CookieScheme).ConfigureAwait(false);
        }
    }

    public static DateTimeOffset? SessionExpiresAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(PageSignIn.SessionExpiresItem, out var value)
            && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var end)
            ? end
            : null;
}
