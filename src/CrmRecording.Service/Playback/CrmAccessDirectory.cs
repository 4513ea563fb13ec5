using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Users;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Playback;

/// <summary>
/// The CRM facts an access check needs — who a token's Entra object id is, which roles a user holds (directly
/// or through teams), who manages a user — read from Dataverse and kept for <see cref="PlaybackOptions.AccessCacheSeconds"/>.
/// A negative answer (no such user, no role, no manager) is kept no longer than a positive one.
/// </summary>
internal sealed class CrmAccessDirectory
{
    private readonly Lazy<DataverseClient> _dataverse;
    private readonly ExpiringCache<Guid, DataverseUser?> _usersByEntraId;
    private readonly ExpiringCache<Guid, IReadOnlyList<string>> _roles;
    private readonly ExpiringCache<Guid, Guid?> _managers;

    public CrmAccessDirectory(Lazy<DataverseClient> dataverse, IOptions<PlaybackOptions> options, TimeProvider time)
    {
        _dataverse = dataverse;
        var lifetime = TimeSpan.FromSeconds(options.Value.AccessCacheSeconds);
        var capacity = options.Value.AccessCacheEntries;
        _usersByEntraId = new(lifetime, capacity, time);
        _roles = new(lifetime, capacity, time);
        _managers = new(lifetime, capacity, time);
    }

    /// <summary>The CRM user whose Entra object id this is; null when there is none.</summary>
    public Task<DataverseUser?> FindUserAsync(Guid entraObjectId, CancellationToken cancellationToken) =>
        _usersByEntraId.GetOrLoadAsync(entraObjectId, oid => _dataverse.Value.FindUserByEntraObjectIdAsync(oid, CancellationToken.None), cancellationToken);

    /// <summary>Names of every security role the user holds, directly or through a team.</summary>
    public Task<IReadOnlyList<string>> RoleNamesAsync(Guid userId, CancellationToken cancellationToken) =>
        _roles.GetOrLoadAsync(userId, async id => (IReadOnlyList<string>)[.. (await _dataverse.Value.GetUserRolesAsync(id, CancellationToken.None).ConfigureAwait(false)).Select(r => r.Name)], cancellationToken);

    /// <summary>The user's manager (<c>parentsystemuserid</c>); null when none is set or the user does not exist.</summary>
    public Task<Guid?> ManagerOfAsync(Guid userId, CancellationToken cancellationToken) =>
        _managers.GetOrLoadAsync(userId, async id => (await _dataverse.Value.GetUserAsync(id, CancellationToken.None).ConfigureAwait(false))?.ManagerId, cancellationToken);
}
