namespace CrmRecording.Emulators.Dataverse.Metadata;

/// <summary>
/// A one-to-many navigation property (<c>phonecall_activity_parties</c>): the child rows carry a lookup
/// column pointing at the parent. Used for deep insert and for <c>parent(id)/navigation</c> reads.
/// </summary>
internal sealed record CollectionNavigation(string Name, string ParentTable, string ChildTable, string ChildLookup);
