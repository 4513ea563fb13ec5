namespace CrmRecording.Telephony;

/// <summary>How the answer was given, kept with the consent evidence.</summary>
public enum ConsentAnswerMethod
{
    None,
    Keypad,
    Speech,
}
