namespace CrmRecording.Service.Calls;

/// <summary>The fields of a Twilio webhook (form-encoded) that the call flow reads.</summary>
public sealed record TwilioForm(IReadOnlyDictionary<string, string> Fields)
{
    public string? CallSid => Get("CallSid");

    public string? ParentCallSid => Get("ParentCallSid");

    public string? AccountSid => Get("AccountSid");

    public string? CallStatus => Get("CallStatus");

    public string? Digits => Get("Digits");

    public string? SpeechResult => Get("SpeechResult");

    /// <summary>The call's length in seconds (<c>CallDuration</c>, on the status callback of a call that ended); null when absent or not a number.</summary>
    public int? CallDuration => int.TryParse(Get("CallDuration"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public string? Get(string name) => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
