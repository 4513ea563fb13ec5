using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Playback;

/// <summary>The <c>Playback</c> section: how long CRM facts about callers are trusted, and how long a listen lasts.</summary>
public sealed class PlaybackOptions
{
    public const string Section = "Playback";

    /// <summary>
    /// How long a user's CRM user row, roles and manager are reused (a seeking player sends many range requests).
    /// A role taken away, or granted, shows after at most this long; 0 asks the CRM on every request.
    /// </summary>
    [Range(0, 300, ErrorMessage = "Playback:AccessCacheSeconds must be from 0 to 300.")]
    public int AccessCacheSeconds { get; set; } = 60;

    /// <summary>At most this many facts are kept (per kind: user by Entra id, roles, manager).</summary>
    [Range(16, 1_000_000, ErrorMessage = "Playback:AccessCacheEntries must be from 16 to 1000000.")]
    public int AccessCacheEntries { get; set; } = 10_000;

    /// <summary>
    /// How long a media link (<c>/media/{token}</c>, for the player's audio element, which cannot send a bearer token)
    /// stays usable. The player asks for a fresh one when it lapses.
    /// </summary>
    [Range(1, 60, ErrorMessage = "Playback:MediaLinkMinutes must be from 1 to 60.")]
    public int MediaLinkMinutes { get; set; } = 5;

    /// <summary>
    /// Base64 of 32 bytes that seal media links, the same on every instance behind a load balancer; when empty each
    /// instance makes its own at start (a link then works only on the instance that issued it, and not after a restart).
    /// </summary>
    public string? MediaLinkKey { get; set; }

    /// <summary>
    /// How long one listen lasts after its <c>playback</c> event was committed: range requests of the same user, token
    /// subject and recording within it send audio without a new event (each is still checked for access). 0 audits
    /// every range request.
    /// </summary>
    [Range(0, 3600, ErrorMessage = "Playback:ListenWindowSeconds must be from 0 to 3600.")]
    public int ListenWindowSeconds { get; set; } = 300;

    /// <summary>At most this many listens are remembered; a forgotten one is audited again at its next request.</summary>
    [Range(16, 1_000_000, ErrorMessage = "Playback:ListenEntries must be from 16 to 1000000.")]
    public int ListenEntries { get; set; } = 10_000;
}
