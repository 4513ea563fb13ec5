using System.Security.Claims;
using CrmRecording.Telephony;
using Microsoft.Extensions.Options;
using Twilio.Jwt.AccessToken;

namespace CrmRecording.Service.Calls;

/// <summary>
/// <c>POST /api/voice/token</c>: a Twilio Voice access token for the signed-in rep's softphone, whose identity is the
/// one the call flow dials (<c>client:rep_&lt;systemuserid&gt;</c>), allowed to receive calls only. With the sandbox's
/// Twilio stand-in there is no account to sign for: the answer says so, and the page simulates the device.
/// </summary>
internal static class VoiceTokenEndpoint
{
    /// <summary>Twilio allows up to 24 hours; the page asks again before this runs out.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapVoiceToken(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/voice/token", MintAsync)
            .WithTags("calls")
            .DisableAntiforgery()
            .RequireAuthorization(Auth.CallerAuthentication.Policy)
            .WithSummary("A Twilio Voice access token (incoming calls only) for the rep's softphone, or mode 'simulated' in the sandbox.")
            .Produces<VoiceToken>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal static async Task<IResult> MintAsync(ClaimsPrincipal principal, HttpResponse response, CallCaller caller, IServiceProvider services, IOptions<TwilioClientOptions> twilio, TimeProvider time, CancellationToken cancellationToken)
    {
        var lookup = await caller.ResolveAsync(principal, cancellationToken).ConfigureAwait(false);
        if (lookup is not CallerLookup.Found { User: var user })
        {
            return CallHttp.Problem(lookup);
        }

        response.Headers.CacheControl = "no-store";
        var identity = Identity(user.Key);
        if (services.GetService<Sandbox.SandboxTwilio>() is not null)
        {
            return Results.Ok(new VoiceToken("simulated", identity, null, null));
        }

        var options = twilio.Value;
        if (string.IsNullOrWhiteSpace(options.ApiKeySid) || string.IsNullOrWhiteSpace(options.ApiKeySecret))
        {
            return Results.Problem(statusCode: 503, detail: "The softphone needs Twilio:ApiKeySid and Twilio:ApiKeySecret (an API key of the account) to sign its access tokens; ask your administrator.");
        }

        var expires = time.GetUtcNow() + Lifetime;
        return Results.Ok(new VoiceToken("twilio", identity, Sign(options, identity, expires), expires));
    }

    /// <summary>An access token signed with the account's API key: the identity may receive calls, nothing else.</summary>
    internal static string Sign(TwilioClientOptions options, string identity, DateTimeOffset expires) =>
        new Token(
            options.AccountSid,
            options.ApiKeySid,
            options.ApiKeySecret,
            identity,
            expires.UtcDateTime,
            grants: [new VoiceGrant { IncomingAllow = true }]).ToJwt();

    /// <summary>The Voice SDK identity of a rep: <see cref="CallFlow.RepEndpoint"/> without its <c>client:</c> prefix.</summary>
    internal static string Identity(Guid repUserId) => CallFlow.RepEndpoint(repUserId)["client:".Length..];
}

/// <summary>The softphone's registration: <c>twilio</c> with a token, or <c>simulated</c> (sandbox) with none.</summary>
public sealed record VoiceToken(string Mode, string Identity, string? Token, DateTimeOffset? ExpiresAt);
