namespace CrmRecording.Salesforce.Records;

/// <summary>One record to write in a collection: its object type, its id for an update, and the field values.</summary>
/// <param name="Type">The object's API name (<c>Task</c>, <c>Consent_Log__c</c>), sent as <c>attributes.type</c>.</param>
/// <param name="Fields">Values: null, string, bool, int, long, decimal, double, DateTimeOffset, DateOnly or <see cref="SalesforceId"/>.</param>
/// <param name="Id">The record to update; null for a create or an upsert.</param>
public sealed record SObjectRecord(string Type, IReadOnlyDictionary<string, object?> Fields, SalesforceId? Id = null);
