namespace CrmRecording.Core.Reports;

/// <summary>Turns a call row into the line lists show, with its links and times in the viewer's zone.</summary>
internal sealed class CallLines(ReportLinks links, ReportZone zone, IReadOnlyDictionary<string, string> repNames, IReadOnlyList<ReportCallRow> allCalls)
{
    private Dictionary<string, string>? _crmOfRecordings;

    public ReportZone Zone => zone;

    public ReportCallLine Line(ReportCallRow call) => new(
        call.Id,
        call.Crm,
        User(call.RepId),
        zone.Show(call.CreatedAt),
        call.Decision,
        call.DecidingJurisdiction,
        call.VaultIds.Select(id => Recording(call.Crm, id)).ToList(),
        Crm(call.Record),
        Crm(call.Customer),
        call.Activity is { } activity ? Crm(activity) : null);

    public ReportRecordingLink Recording(string crm, string recordingId) => new(recordingId, links.Player(crm, recordingId));

    /// <summary>A stored recording's link, by the CRM its call was placed in (for the player's sign-in); Dynamics when its call is not in the rows.</summary>
    public ReportRecordingLink StoredRecording(string recordingId) => Recording((_crmOfRecordings ??= CrmOfRecordings()).GetValueOrDefault(recordingId, "dynamics"), recordingId);

    public ReportUser User(string id) => new(id, repNames.TryGetValue(id, out var name) ? name : null);

    private ReportCrmLink Crm(ReportCrmRef reference) => new(reference.Crm, reference.Entity, reference.Id, links.Record(reference));

    private Dictionary<string, string> CrmOfRecordings()
    {
        var crm = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in allCalls)
        {
            foreach (var id in call.VaultIds)
            {
                crm[id] = call.Crm;
            }
        }

        return crm;
    }
}
