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
}
