namespace CrmRecording.Vault.Metadata;

/// <summary>Which recordings to list.</summary>
/// <param name="ContactId">Only this contact's.</param>
/// <param name="ExpiredAsOf">Only those whose retention ended by then and that are not deleted.</param>
/// <param name="IncludeDeleted">Include deleted (shredded) recordings.</param>
public sealed record RecordingQuery(string? ContactId = null, DateTimeOffset? ExpiredAsOf = null, bool IncludeDeleted = false);
