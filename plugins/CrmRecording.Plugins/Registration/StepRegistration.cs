namespace CrmRecording.Plugins.Registration;

/// <summary>
/// Where a step is registered: the single source for the solution's step definitions and for the
/// service's dispatch. Names are stable: the solution uses them to derive each step's id.
/// </summary>
/// <param name="Name">Unique, stable name, e.g. <c>crr.contact.enrich.update</c>.</param>
/// <param name="Description">What the step does, shown to admins in the solution.</param>
/// <param name="Message">SDK message: Create, Update.</param>
/// <param name="Table">Logical name of the table: contact, lead, phonecall, crr_consentlog.</param>
/// <param name="Stage">Pipeline stage.</param>
/// <param name="Mode">Synchronous or asynchronous.</param>
/// <param name="FilteringAttributes">For Update: only changes to these columns trigger the step (empty: any change).</param>
/// <param name="Images">Pre/post images the step needs.</param>
public sealed record StepRegistration(
    string Name,
    string Description,
    string Message,
    string Table,
    StepStage Stage,
    StepMode Mode,
    IReadOnlyList<string> FilteringAttributes,
    IReadOnlyList<StepImage> Images)
{
    public bool Matches(string message, string table, StepStage stage) =>
        string.Equals(Message, message, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Table, table, StringComparison.OrdinalIgnoreCase)
        && Stage == stage;
}
