using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Calls;

/// <summary>The configured CRMs' call ports, chosen by the call's (or record's) <c>crm</c>.</summary>
internal sealed class CallCrms(IReadOnlyDictionary<string, ICallCrm> crms) : ICallCrm
{
    /// <summary>Which CRMs this service is configured for.</summary>
    public IReadOnlyCollection<string> Names => [.. crms.Keys];

    public bool Has(string? crm) => crm is not null && crms.ContainsKey(crm);

    public ICallCrm For(string crm) =>
        crms.TryGetValue(crm, out var port) ? port : throw new InvalidOperationException($"The service is not configured for the CRM '{crm}'.");

    public Task<CallTarget?> GetTargetAsync(CrmRecordRef record, CancellationToken cancellationToken = default) => For(record.Crm).GetTargetAsync(record, cancellationToken);

    public Task<RepProfile?> GetRepAsync(CrmRecordRef user, CancellationToken cancellationToken = default) => For(user.Crm).GetRepAsync(user, cancellationToken);

    public Task<CrmRecordRef> CreatePhoneCallAsync(CallRecord call, string subject, CancellationToken cancellationToken = default) =>
        For(call.Crm).CreatePhoneCallAsync(call, subject, cancellationToken);

    public Task UpdatePhoneCallAsync(Guid phoneCallId, string? recordingUrl, int? recordedSeconds, CallRecord call, CancellationToken cancellationToken = default) =>
        For(call.Crm).UpdatePhoneCallAsync(phoneCallId, recordingUrl, recordedSeconds, call, cancellationToken);

    public Task CloseActivityAsync(CallRecord call, CancellationToken cancellationToken = default) => For(call.Crm).CloseActivityAsync(call, cancellationToken);

    public Task<bool> EnsureConsentLogAsync(CallRecord call, ConsentEvent consentEvent, CancellationToken cancellationToken = default) =>
        For(call.Crm).EnsureConsentLogAsync(call, consentEvent, cancellationToken);
}
