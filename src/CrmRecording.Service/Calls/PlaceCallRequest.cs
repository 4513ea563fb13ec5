namespace CrmRecording.Service.Calls;

/// <summary>The dialer's click-to-dial request: which CRM row, which phone column, which rep.</summary>
/// <param name="Crm"><c>dynamics</c> or <c>salesforce</c>.</param>
/// <param name="Entity"><c>contact</c>, <c>lead</c> or <c>opportunity</c> (Salesforce also takes its own <c>Contact</c>, <c>Lead</c>, <c>Opportunity</c>).</param>
/// <param name="Id">The record's id: a GUID in Dynamics, a 15- or 18-character id in Salesforce.</param>
/// <param name="PhoneField">The number to dial: <c>business</c> or <c>mobile</c> in any CRM (each CRM's own column names, <c>telephone1</c>/<c>mobilephone</c> or <c>Phone</c>/<c>MobilePhone</c>, are taken too); blank picks business, then mobile.</param>
/// <param name="Number">
/// The number the rep clicked, as the CRM showed it, when the click does not say which field it was (Open CTI's
/// <c>onClickToDial</c>): with no <paramref name="PhoneField"/>, the record's business or mobile phone holding the same
/// digits is dialled, and a number on neither is refused — only a number on file is dialled and decided on.
/// </param>
public sealed record PlaceCallRequest(string? Crm, string? Entity, string? Id, string? PhoneField, string? RepUserId, string? Number = null);

/// <summary>What the dialer shows the rep at once: whether the call is recorded and why.</summary>
public sealed record PlaceCallResponse(
    string CallId,
    string Decision,
    string Summary,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Jurisdictions,
    string RulesVersion,
    Guid? PhoneCallId,
    string Status,
    Crm.CrmRecordRef? Activity = null);
