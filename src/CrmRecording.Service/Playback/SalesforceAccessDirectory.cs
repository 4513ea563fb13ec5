using CrmRecording.Http;
using CrmRecording.Salesforce;
using CrmRecording.Salesforce.Users;
using CrmRecording.Service.Crm;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Playback;

/// <summary>
/// The Salesforce facts an access check needs — the User (manager, role), the custom permissions granted through
/// permission sets, the role tree — kept for <see cref="PlaybackOptions.AccessCacheSeconds"/>. A failed read is not
/// kept: it comes out as <see cref="CrmUnavailableException"/> and the next request asks again.
/// </summary>
internal sealed class SalesforceAccessDirectory
{
    private readonly Lazy<SalesforceClient> _client;
    private readonly SingleFlightCache<string, SalesforceUser?> _users;
    private readonly SingleFlightCache<string, IReadOnlyList<string>> _permissions;
    private readonly SingleFlightCache<int, RoleHierarchy> _roles;

    public SalesforceAccessDirectory(Lazy<SalesforceClient> client, IOptions<PlaybackOptions> options, TimeProvider time)
    {
        _client = client;
        var lifetime = TimeSpan.FromSeconds(options.Value.AccessCacheSeconds);
        var capacity = options.Value.AccessCacheEntries;
        _users = new(lifetime, capacity, time);
        _permissions = new(lifetime, capacity, time);
        _roles = new(lifetime, 1, time);
    }

    /// <summary>The active Salesforce User with this id; null when there is none (or the id is not one).</summary>
    public Task<SalesforceUser?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        !SalesforceId.TryParse(userId, out var id)
            ? Task.FromResult<SalesforceUser?>(null)
            : _users.GetOrLoadAsync(id.Value, _ => ReadAsync(async () => await _client.Value.GetUserAsync(id, CancellationToken.None).ConfigureAwait(false) is { IsActive: true } user ? user : null), cancellationToken);

    /// <summary>Developer names of the custom permissions the user holds through permission sets (and the profile's).</summary>
    public Task<IReadOnlyList<string>> CustomPermissionsAsync(SalesforceId userId, CancellationToken cancellationToken) =>
        _permissions.GetOrLoadAsync(userId.Value, _ => ReadAsync(() => _client.Value.GetCustomPermissionsAsync(userId, CancellationToken.None)), cancellationToken);

    public Task<RoleHierarchy> RoleHierarchyAsync(CancellationToken cancellationToken) =>
        _roles.GetOrLoadAsync(0, _ => ReadAsync(() => _client.Value.GetRoleHierarchyAsync(CancellationToken.None)), cancellationToken);

    private static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (SalesforceException ex)
        {
            throw new CrmUnavailableException(CrmRecordRef.Salesforce, ex.Status, ex.ErrorCode ?? ex.ServerMessage, ex.RetryAfter, ex);
        }
    }
}
