namespace CrmRecording.Service.Playback;

/// <summary>A media link for the player's audio element: a path on this service, usable until <paramref name="ExpiresAt"/>.</summary>
internal sealed record MediaLinkView(string Url, DateTimeOffset ExpiresAt);
