using CrmRecording.Service.Crm;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Metadata;

namespace CrmRecording.Service.Playback;

/// <summary>An allowed request: the caller, the CRM user behind the token, the recording, its call, and what allowed it.</summary>
internal sealed record PlaybackGrant(CallerIdentity Caller, CrmUser User, RecordingRecord Recording, CallRecord? Call, string Basis)
{
    public string Actor => PlaybackAudit.CrmActor(User);
}
