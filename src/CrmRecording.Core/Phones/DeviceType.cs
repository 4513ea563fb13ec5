namespace CrmRecording.Core.Phones;

/// <summary>
/// What kind of line a number is on, as a line-type lookup reports it. It decides how much an area code
/// says about where the person is: a landline stays put, a mobile or VoIP number moves with its owner.
/// </summary>
public enum DeviceType
{
    Unknown = 0,
    Landline,
    Mobile,
    FixedVoip,
    NonFixedVoip,
    TollFree,
}
