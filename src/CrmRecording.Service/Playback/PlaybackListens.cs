using CrmRecording.Http;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Playback;

/// <summary>
/// A listen is audited once, durably, before its first byte, not each range request of it: a player seeking through a
/// recording sends many. A listen is one CRM user, through one token subject and issuer, on one recording, for
/// <see cref="PlaybackOptions.ListenWindowSeconds"/> from its <c>playback</c> event. Kept in memory only (bounded); concurrent first
/// requests share one commit and all wait for it; a failed commit is not kept, so the next request commits again.
/// Access is checked on every request before this is reached, and refusals are audited each time elsewhere.
/// </summary>
internal sealed class PlaybackListens(IMetadataStore metadata, IOptions<PlaybackOptions> options, TimeProvider time)
{
    private readonly SingleFlightCache<ListenKey, bool> _audited = new(
        TimeSpan.FromSeconds(options.Value.ListenWindowSeconds), options.Value.ListenEntries, time);

    /// <summary>Returns once the listen of <paramref name="grant"/> is on record: by committing <paramref name="entry"/>, or by an earlier commit inside the window.</summary>
    public Task CommitOnceAsync(PlaybackGrant grant, AuditEntry entry, CancellationToken cancellationToken) =>
        _audited.GetOrLoadAsync(
            new ListenKey(grant.Actor, grant.Caller.Issuer, grant.Caller.Subject, grant.Recording.Id.Value),
            async _ =>
            {
                await metadata.AppendAuditAsync(entry, CancellationToken.None).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private readonly record struct ListenKey(string Actor, string Issuer, string Subject, string Recording);
}
