namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>
/// One webhook as the application received it: the URL it checked the signature against, the form in arrival
/// order, the <c>X-Twilio-Signature</c> header and whether the production validator accepted it.
/// </summary>
internal sealed record ReceivedWebhook(string Path, string Url, IReadOnlyList<KeyValuePair<string, string>> Form, string Signature, bool SignatureValid)
{
    /// <summary>The first value of a form field, or null.</summary>
    public string? this[string name] => Form.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>The form with one field's value replaced, as a tampering proxy would send it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FormWith(string name, string value) =>
        [.. Form.Select(p => p.Key == name ? new KeyValuePair<string, string>(name, value) : p)];
}
