using System.Diagnostics.CodeAnalysis;

namespace CrmRecording.Core.Policy;

/// <summary>A policy read from JSON, or the first problem found, naming the key.</summary>
public sealed record PolicyParseResult(RecordingPolicy? Policy, string? Error)
{
    [MemberNotNullWhen(true, nameof(Policy))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Policy is not null;
}
