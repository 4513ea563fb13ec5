namespace CrmRecording.Dataverse.PhoneCalls;

/// <summary>A phone call activity to create, with its parties.</summary>
/// <param name="Regarding">The opportunity, contact or lead the call is about (<c>regardingobjectid</c>).</param>
/// <param name="Rep">The rep's system user id: the From party of an outgoing call, the To party of an incoming one.</param>
/// <param name="Customer">The contact or lead called: the To party of an outgoing call, the From party of an incoming one.</param>
/// <param name="Subject">The activity's subject.</param>
/// <param name="PhoneNumber">The number dialled or calling (<c>phonenumber</c>).</param>
/// <param name="Outgoing"><c>directioncode</c>: true for a call the rep places.</param>
public sealed record NewPhoneCall(
    RowReference Regarding,
    Guid Rep,
    RowReference Customer,
    string Subject,
    string PhoneNumber,
    bool Outgoing = true);
