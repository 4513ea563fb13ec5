using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Store;

namespace CrmRecording.Emulators.Dataverse.Operations;

/// <summary>
/// The writes of one <c>$batch</c> change set, kept so the set is atomic as Dataverse's transaction is: each write's
/// row as it was before, to put back in reverse order if a later request fails, and the asynchronous steps the
/// writes raised, which run only once the whole set has succeeded (a rolled-back write raises none).
/// </summary>
internal sealed class ChangeSet
{
    private readonly List<(string Table, Guid Id, JsonObject? Before)> undo = [];
    private readonly List<DataEvent> raised = [];

    public void Wrote(string table, Guid id, JsonObject? before) => undo.Add((table, id, before));

    public void Raised(DataEvent ev) => raised.Add(ev);

    public IReadOnlyList<DataEvent> Events => raised;

    public void RollBack(RowStore store)
    {
        for (var i = undo.Count - 1; i >= 0; i--)
        {
            store.Restore(undo[i].Table, undo[i].Id, undo[i].Before);
        }

        undo.Clear();
        raised.Clear();
    }
}
