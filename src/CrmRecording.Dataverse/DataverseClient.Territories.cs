using CrmRecording.Dataverse.Http;
using CrmRecording.Dataverse.Users;

namespace CrmRecording.Dataverse;

/// <summary>Sales territories: the jurisdiction a rep calls from, when sales ops set one.</summary>
public sealed partial class DataverseClient
{
    /// <summary>The columns of a territory read: its name and the solution's jurisdiction column.</summary>
    public const string TerritorySelect = "territoryid,name,crr_jurisdiction";

    /// <summary>A territory by <c>territoryid</c>; null when no such territory exists.</summary>
    public async Task<DataverseTerritory?> GetTerritoryAsync(Guid territoryId, CancellationToken cancellationToken = default)
    {
        ThrowIfEmpty(territoryId, nameof(territoryId));
        using var row = await GetJsonAsync(
            Resource($"{DataverseTable.Territory.EntitySetName}({territoryId:D})?$select={TerritorySelect}"), notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new DataverseTerritory(ODataRow.RequiredId(row.RootElement, "territoryid"), ODataRow.Text(row.RootElement, "name"), ODataRow.Text(row.RootElement, "crr_jurisdiction"));
    }
}
