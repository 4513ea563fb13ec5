using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse.Metadata;

namespace CrmRecording.Emulators.Dataverse.Operations;

/// <summary>
/// A create or update body resolved against the store: the columns to write in row form (binds turned into
/// <c>_x_value</c> lookups), the logical names of the columns the caller set (what filtering attributes
/// match), and the rows to deep-insert under collection-valued navigation properties.
/// </summary>
internal sealed record WriteRequest(
    JsonObject Columns,
    IReadOnlyList<string> ChangedAttributes,
    Guid? PrimaryKey,
    IReadOnlyList<DeepInsert> Children);

/// <summary>Rows to create under a parent through a collection-valued navigation property.</summary>
internal sealed record DeepInsert(CollectionNavigation Navigation, IReadOnlyList<WriteRequest> Rows);
