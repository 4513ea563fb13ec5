namespace CrmRecording.Emulators.Dataverse.Journal;

/// <summary>One request as the stand-in received it. Header names compare case-insensitively; repeated headers are joined with ", ".</summary>
public sealed record RecordedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>When the stand-in received it, by its options' clock.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
