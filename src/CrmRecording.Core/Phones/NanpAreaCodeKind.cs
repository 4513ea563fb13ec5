namespace CrmRecording.Core.Phones;

/// <summary>What a North American Numbering Plan area code is used for.</summary>
public enum NanpAreaCodeKind
{
    Geographic,
    Overlay,
    TollFree,
    PersonalCommunications,
    Premium,
    NonGeographic,
}
