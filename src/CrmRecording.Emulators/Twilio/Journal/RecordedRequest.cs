namespace CrmRecording.Emulators.Twilio.Journal;

/// <summary>One REST or Lookup request as received: method, path, query string and form parameters in order (repeated names kept).</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The first value of a form parameter, or null.</summary>
    public string? FormValue(string name) => Form.FirstOrDefault(p => p.Key == name).Value;
}
