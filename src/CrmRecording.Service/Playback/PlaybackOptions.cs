using System.ComponentModel.DataAnnotations;

namespace CrmRecording.Service.Playback;

/// <summary>The <c>Playback</c> section: how long CRM facts about callers are trusted.</summary>
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
}
