namespace CrmRecording.Salesforce.Customers;

/// <summary>An opportunity and the contact a rep calls about it: the primary <c>OpportunityContactRole</c>.</summary>
/// <param name="PrimaryContactId">The contact role with <c>IsPrimary = true</c>; null when none is marked primary.</param>
public sealed record SalesforceOpportunity(SalesforceId Id, string? Name, SalesforceId? AccountId, SalesforceId? PrimaryContactId);
