using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CrmRecording.Emulators.OpenId;

/// <summary>A validated authorization request waiting for the user to be picked.</summary>
internal sealed record AuthorizationRequest(string ClientId, string RedirectUri, string State, string Nonce, string CodeChallenge, string Scope, DateTimeOffset ExpiresAt);

/// <summary>An authorization code: redeemable once, by the client it was issued to, with the verifier of its challenge.</summary>
internal sealed record IssuedCode(AuthorizationRequest Request, OpenIdUser User, DateTimeOffset AuthTime, DateTimeOffset ExpiresAt);

/// <summary>
/// Requests shown on the picker and codes not yet redeemed, each under a random 256-bit handle and taken out
/// when used, so neither can be used twice. Expired entries are swept whenever a new one is added.
/// </summary>
internal sealed class PendingGrants(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AuthorizationRequest> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCode> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> redeemed = new(StringComparer.Ordinal);

    public string Add(AuthorizationRequest request)
    {
        Sweep();
        var handle = NewHandle();
        requests[handle] = request;
        return handle;
    }

    public AuthorizationRequest? TakeRequest(string handle) =>
        requests.TryRemove(handle, out var request) && request.ExpiresAt > time.GetUtcNow() ? request : null;

    public string Add(IssuedCode code)
    {
        Sweep();
        var handle = NewHandle();
        codes[handle] = code;
        return handle;
    }

    /// <summary>The code, once; <paramref name="replayed"/> tells a second redemption from a code never issued.</summary>
    public IssuedCode? TakeCode(string handle, out bool replayed)
    {
        replayed = false;
        if (codes.TryRemove(handle, out var code))
        {
            redeemed[handle] = code.ExpiresAt;
            return code.ExpiresAt > time.GetUtcNow() ? code : null;
        }

        replayed = redeemed.ContainsKey(handle);
        return null;
    }

    private static string NewHandle() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, value) in requests)
        {
            if (value.ExpiresAt <= now)
            {
                requests.TryRemove(key, out _);
            }
        }

        foreach (var (key, value) in codes)
        {
            if (value.ExpiresAt <= now)
            {
                codes.TryRemove(key, out _);
            }
        }

        // A redeemed code is remembered a little past its lifetime, long enough to name a replay as one.
        foreach (var (key, expiresAt) in redeemed)
        {
            if (expiresAt + TimeSpan.FromMinutes(10) <= now)
            {
                redeemed.TryRemove(key, out _);
            }
        }
    }
}
