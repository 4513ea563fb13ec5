namespace CrmRecording.Emulators.Dataverse.Metadata;

/// <summary>One Dataverse table as the Web API exposes it: entity set name, logical name and primary key column.</summary>
/// <param name="UserOwned">User-owned tables get <c>ownerid</c>, <c>statecode</c> and <c>statuscode</c> on create, as Dataverse sets them.</param>
internal sealed record TableDefinition(
    string EntitySet,
    string LogicalName,
    string PrimaryId,
    string? PrimaryName,
    bool UserOwned);
