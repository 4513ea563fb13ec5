namespace CrmRecording.Dataverse.Users;

/// <summary>A sales territory and the jurisdiction sales ops set on it.</summary>
/// <param name="Id"><c>territoryid</c>.</param>
/// <param name="Name"><c>name</c>.</param>
/// <param name="Jurisdiction"><c>crr_jurisdiction</c>: where the territory's reps call from, as an ISO 3166 code (US-CA, GB); null when not set.</param>
public sealed record DataverseTerritory(Guid Id, string? Name, string? Jurisdiction);
