namespace CrmRecording.Emulators.Twilio.Webhooks;

/// <summary>
/// Where status events of a call leg or a recording go (<c>StatusCallback</c>/<c>RecordingStatusCallback</c>, the method and
/// the named events); with no events named Twilio sends <c>completed</c> only
/// (https://www.twilio.com/docs/voice/api/call-resource#statuscallbackevent).
/// </summary>
internal sealed record CallbackTarget(string? Url, string Method, IReadOnlySet<string> Events)
{
    public static CallbackTarget None { get; } = new(null, "POST", new HashSet<string>());

    public static CallbackTarget From(string? url, string? method, IEnumerable<string> events)
    {
        var named = events.SelectMany(e => e.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (named.Count == 0)
        {
            named.Add("completed");
        }

        return new CallbackTarget(string.IsNullOrWhiteSpace(url) ? null : url, string.IsNullOrWhiteSpace(method) ? "POST" : method.ToUpperInvariant(), named);
    }

    public bool Wants(string callbackEvent) => Url is not null && Events.Contains(callbackEvent);
}
