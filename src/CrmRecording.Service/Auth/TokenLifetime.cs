namespace CrmRecording.Service.Auth;

/// <summary>
/// Token lifetime on the service's clock (<see cref="TimeProvider"/>), which the token library's own check
/// cannot be given: a token is current from <c>nbf</c> to <c>exp</c>, each widened by the clock skew.
/// </summary>
internal static class TokenLifetime
{
    public static bool IsCurrent(DateTime? notBefore, DateTime? expires, DateTimeOffset now, TimeSpan clockSkew)
    {
        if (expires is not { } exp)
        {
            return false;
        }

        var utcNow = now.UtcDateTime;
        return (notBefore is not { } nbf || nbf.ToUniversalTime() <= utcNow + clockSkew)
            && exp.ToUniversalTime() > utcNow - clockSkew;
    }

    /// <summary>
    /// A token must not live longer than <paramref name="maximum"/> from when it starts (<c>nbf</c>, else <c>iat</c>):
    /// a stolen long-lived token stays useful for its whole life. One without either start time is refused.
    /// </summary>
    public static bool IsWithinMaximum(DateTime? notBefore, DateTime? issuedAt, DateTime? expires, TimeSpan maximum)
    {
        var start = notBefore ?? issuedAt;
        return start is { } from && expires is { } exp && exp.ToUniversalTime() - from.ToUniversalTime() <= maximum;
    }
}
