namespace CrmRecording.Emulators.Twilio.Http;

/// <summary>An <c>application/x-www-form-urlencoded</c> body in the order sent, repeated names kept (StatusCallbackEvent may repeat).</summary>
internal sealed class FormBody(IReadOnlyList<KeyValuePair<string, string>> pairs)
{
    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; } = pairs;

    public static FormBody Parse(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return new FormBody(pairs);
    }

    /// <summary>The first value, or null when absent or blank.</summary>
    public string? this[string name] =>
        Pairs.FirstOrDefault(p => p.Key == name).Value is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public IReadOnlyList<string> All(string name) => Pairs.Where(p => p.Key == name).Select(p => p.Value).ToArray();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
