namespace CrmRecording.Salesforce.Users;

/// <summary>A <c>UserRole</c>: its name and the role directly above it (null at the top).</summary>
public sealed record SalesforceRole(SalesforceId Id, string? Name, SalesforceId? ParentRoleId);
