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

    public string? Get(string name) => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
