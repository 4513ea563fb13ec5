using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Users;
using CrmRecording.Http;
using CrmRecording.Service.Crm;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Playback;

/// <summary>
/// The CRM facts an access check needs — who a token's Entra object id is, which roles a user holds (directly
/// or through teams), who manages a user — read from Dataverse and kept for <see cref="PlaybackOptions.AccessCacheSeconds"/>.
/// A negative answer (no such user, no role, no manager) is kept no longer than a positive one. Dataverse failures come
/// out as <see cref="CrmUnavailableException"/>, and are not kept. A user row read by Entra object id also serves reads of
/// that user by id (the rep's name, territory and address when they place a call), so it is fetched once.
/// </summary>
internal sealed class CrmAccessDirectory
{
    private readonly Lazy<DataverseClient> _dataverse;
    private readonly SingleFlightCache<Guid, DataverseUser?> _usersByEntraId;
    private readonly SingleFlightCache<Guid, DataverseUser?> _usersById;
    private readonly SingleFlightCache<Guid, IReadOnlyList<string>> _roles;

    public CrmAccessDirectory(Lazy<DataverseClient> dataverse, IOptions<PlaybackOptions> options, TimeProvider time)
    {
        _dataverse = dataverse;
        var lifetime = TimeSpan.FromSeconds(options.Value.AccessCacheSeconds);
        var capacity = options.Value.AccessCacheEntries;
        _usersByEntraId = new(lifetime, capacity, time);
        _usersById = new(lifetime, capacity, time);
        _roles = new(lifetime, capacity, time);
    }

    /// <summary>The CRM user whose Entra object id this is; null when there is none.</summary>
    public async Task<CrmUser?> FindUserAsync(Guid entraObjectId, CancellationToken cancellationToken)
    {
        var user = await _usersByEntraId.GetOrLoadAsync(
            entraObjectId,
            oid => DataverseFailures.TranslateAsync(() => _dataverse.Value.FindUserByEntraObjectIdAsync(oid, CancellationToken.None)),
            cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        // The same row, by its id: the caller's next read of themselves (placing a call) needs no second fetch.
        await _usersById.GetOrLoadAsync(user.Id, _ => Task.FromResult<DataverseUser?>(user), cancellationToken).ConfigureAwait(false);
        return CrmUser.FromDataverse(user.Id, user.FullName);
    }

    /// <summary>A user row by <c>systemuserid</c> (name, manager, territory, address); null when the user does not exist.</summary>
    public Task<DataverseUser?> UserAsync(Guid userId, CancellationToken cancellationToken) =>
        _usersById.GetOrLoadAsync(userId, id => DataverseFailures.TranslateAsync(() => _dataverse.Value.GetUserAsync(id, CancellationToken.None)), cancellationToken);

    /// <summary>Names of every security role the user holds, directly or through a team.</summary>
    public Task<IReadOnlyList<string>> RoleNamesAsync(Guid userId, CancellationToken cancellationToken) =>
        _roles.GetOrLoadAsync(userId, id => DataverseFailures.TranslateAsync(async () => (IReadOnlyList<string>)[.. (await _dataverse.Value.GetUserRolesAsync(id, CancellationToken.None).ConfigureAwait(false)).Select(r => r.Name)]), cancellationToken);

    /// <summary>The user's manager (<c>parentsystemuserid</c>); null when none is set or the user does not exist.</summary>
    public async Task<Guid?> ManagerOfAsync(Guid userId, CancellationToken cancellationToken) =>
        (await UserAsync(userId, cancellationToken).ConfigureAwait(false))?.ManagerId;
}
