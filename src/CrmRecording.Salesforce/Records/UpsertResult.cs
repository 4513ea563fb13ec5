namespace CrmRecording.Salesforce.Records;

/// <summary>An upsert's outcome: the record and whether it was inserted (201) rather than updated (200).</summary>
public readonly record struct UpsertResult(SalesforceId Id, bool Created);
