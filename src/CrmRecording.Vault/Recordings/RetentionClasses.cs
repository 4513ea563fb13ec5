namespace CrmRecording.Vault.Recordings;

/// <summary>How long each retention class keeps a recording. Configured; these are the defaults.</summary>
public sealed class RetentionClasses
{
    public static RetentionClasses Default { get; } = new(new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["sales"] = TimeSpan.FromDays(365),
        ["financial"] = TimeSpan.FromDays(7 * 365 + 2),
        ["declined-consent"] = TimeSpan.Zero,
    }, "sales");

    private readonly IReadOnlyDictionary<string, TimeSpan> _durations;

    public RetentionClasses(IReadOnlyDictionary<string, TimeSpan> durations, string defaultClass)
    {
        if (!durations.ContainsKey(defaultClass))
        {
            throw new ArgumentException($"The default retention class '{defaultClass}' is not one of {string.Join(", ", durations.Keys)}.", nameof(defaultClass));
        }

        if (durations.Values.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("Retention durations cannot be negative.", nameof(durations));
        }

        _durations = durations;
        DefaultClass = defaultClass;
    }

    public string DefaultClass { get; }

    public IEnumerable<string> Names => _durations.Keys;

    /// <summary>When a recording of <paramref name="retentionClass"/> made at <paramref name="createdAt"/> is to be deleted.</summary>
    /// <exception cref="ArgumentException">The class is not configured; the message lists the ones that are.</exception>
    public DateTimeOffset DeleteAfter(string retentionClass, DateTimeOffset createdAt) =>
        _durations.TryGetValue(retentionClass, out var keep)
            ? createdAt + keep
            : throw new ArgumentException($"'{retentionClass}' is not a retention class; use one of {string.Join(", ", _durations.Keys)}.", nameof(retentionClass));
}
