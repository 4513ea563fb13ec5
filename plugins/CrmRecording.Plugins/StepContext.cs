using CrmRecording.Plugins.Registration;

namespace CrmRecording.Plugins;

/// <summary>
/// One platform event, CRM-neutral: what happened to which row, with the changed columns and images.
/// Column values are plain .NET values: string, bool, int, decimal, Guid, DateTimeOffset,
/// <see cref="OptionValue"/>, <see cref="RecordReference"/>, arrays of <see cref="OptionValue"/>, or null.
/// </summary>
public sealed record StepContext
{
    public required string Message { get; init; }

    public required string Table { get; init; }

    public required Guid RecordId { get; init; }

    public required StepStage Stage { get; init; }

    public required StepMode Mode { get; init; }

    /// <summary>How deep in a chain of platform-triggered operations this event is; 1 for a user's own action.</summary>
    public required int Depth { get; init; }

    public required Guid UserId { get; init; }

    public Guid CorrelationId { get; init; }

    /// <summary>The delivery's identity, used to make a repeated delivery a no-op.</summary>
    public required string RequestId { get; init; }

    /// <summary>The columns sent with the operation (the Target).</summary>
    public IReadOnlyDictionary<string, object?> Target { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?>? PreImage { get; init; }

    public IReadOnlyDictionary<string, object?>? PostImage { get; init; }

    /// <summary>True when the platform dropped the context's body for size: the step must re-read the row.</summary>
    public bool Truncated { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The column's value after the operation: Target first, then the post-image, then the pre-image.</summary>
    public object? Value(string column) =>
        Target.TryGetValue(column, out var v) ? v
        : PostImage?.TryGetValue(column, out v) == true ? v
        : PreImage?.TryGetValue(column, out v) == true ? v
        : null;
}
