namespace CrmRecording.Service.SignIn;

/// <summary>Present when the pages can sign people in with Salesforce; <paramref name="Sandbox"/> when through the sandbox's own page.</summary>
internal sealed record SalesforcePageSignIn(bool Sandbox);
