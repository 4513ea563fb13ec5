using System.Security.Cryptography;

namespace CrmRecording.Emulators.Salesforce.Auth;

/// <summary>The sessions the token endpoint issued: random opaque tokens, each standing for one user, until expired.</summary>
internal sealed class SessionBook
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> users = new(StringComparer.Ordinal);

    /// <summary>Issues a token in Salesforce's shape (<c>00D...!...</c>: the org id, then a random secret).</summary>
    public string Issue(string organizationId, string userId)
    {
        var token = $"{organizationId[..15]}!{Convert.ToHexString(RandomNumberGenerator.GetBytes(32))}";
        lock (gate)
        {
            users[token] = userId;
        }

        return token;
    }

    /// <summary>The user the bearer token stands for; null when it was never issued or has expired.</summary>
    public string? UserOf(string token)
    {
        lock (gate)
        {
            // Looked up by hash-table key; the token is random, so lookup timing reveals nothing usable.
            return users.GetValueOrDefault(token);
        }
    }

    public void ExpireAll()
    {
        lock (gate)
        {
            users.Clear();
        }
    }
}
