namespace CrmRecording.Service.Calls;

/// <summary>The dialer's click-to-dial request: which CRM row, which phone column, which rep.</summary>
/// <param name="PhoneField">The column to dial: <c>telephone1</c> (business, the default) or <c>mobilephone</c>; blank picks business, then mobile.</param>
public sealed record PlaceCallRequest(string? Crm, string? Entity, string? Id, string? PhoneField, string? RepUserId);

/// <summary>What the dialer shows the rep at once: whether the call is recorded and why.</summary>
public sealed record PlaceCallResponse(
    string CallId,
    string Decision,
    string Summary,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Jurisdictions,
    string RulesVersion,
    Guid? PhoneCallId,
    string Status);
