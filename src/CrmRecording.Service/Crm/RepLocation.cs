using CrmRecording.Core.Location;
using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Users;

namespace CrmRecording.Service.Crm;

/// <summary>
/// Where a rep calls from: their territory's jurisdiction (<c>systemuser.territoryid</c> →
/// <c>territory.crr_jurisdiction</c>) when sales ops set one, otherwise the region of the address on their user
/// record. <see cref="Source"/> says which, in words a rep or an auditor can check.
/// </summary>
/// <param name="User">The CRM user.</param>
/// <param name="Region">The jurisdiction as written in the CRM (an ISO 3166 code), or null when neither is known.</param>
/// <param name="Source">"territory West Coast" or "user address TX, United States"; null when <paramref name="Region"/> is.</param>
internal sealed record RepLocation(DataverseUser User, string? Region, string? Source)
{
    /// <summary>Reads the user, then their territory if they have one; null when the user does not exist.</summary>
    public static Task<RepLocation?> ReadAsync(DataverseClient client, Guid userId, CancellationToken cancellationToken) =>
        ReadAsync(client, id => client.GetUserAsync(id, cancellationToken), userId, cancellationToken);

    /// <param name="users">Where the user row comes from (a row already read for this user is not fetched again).</param>
    public static async Task<RepLocation?> ReadAsync(DataverseClient client, Func<Guid, Task<DataverseUser?>> users, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(users);
        var user = await users(userId).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        if (user.TerritoryId is { } territoryId
            && await client.GetTerritoryAsync(territoryId, cancellationToken).ConfigureAwait(false) is { Jurisdiction: { } jurisdiction } territory
            && !string.IsNullOrWhiteSpace(jurisdiction))
        {
            // Passed on as written: a jurisdiction that is not a known place stops the call with the reason rather than falling back quietly.
            return new RepLocation(user, jurisdiction.Trim(), $"territory {territory.Name ?? territory.Id.ToString("D")}");
        }

        var places = PlaceDirectory.Default;
        Core.Jurisdictions.JurisdictionCode? country = places.TryResolveCountry(user.Country, out var c) ? c : null;
        var regions = places.ResolveRegion(user.StateOrProvince, country);
        var region = regions.Count == 1 ? regions[0].Value : country?.Value;
        var address = string.Join(", ", new[] { user.StateOrProvince, user.Country }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return region is null ? new RepLocation(user, null, null) : new RepLocation(user, region, $"user address {address}");
    }
}
