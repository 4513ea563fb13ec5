namespace CrmRecording.Emulators.Twilio;

/// <summary>
/// How a called party behaves: <see cref="Behavior"/> decides whether it answers and what it gives the first
/// <c>&lt;Gather&gt;</c>; <see cref="LaterGathers"/> gives the second, third, ... (silence once it runs out).
/// </summary>
public sealed record CalleeScript(CalleeBehavior Behavior)
{
    public static CalleeScript Answers { get; } = new(CalleeBehavior.Answers);

    /// <summary>Input to the gathers after the first, in order; answering behaviours only.</summary>
    public IReadOnlyList<CalleeBehavior> LaterGathers { get; init; } = [];

    /// <summary>The <c>Confidence</c> reported with a speech result.</summary>
    public double SpeechConfidence { get; init; } = 0.9235;

    /// <summary>Whether the party answers at all (every behaviour but no-answer and busy).</summary>
    public bool PicksUp => Behavior is not (CalleeBehavior.DoesNotAnswer or CalleeBehavior.Busy);

    /// <summary>What the party does at its <paramref name="index"/>-th gather (0-based).</summary>
    internal CalleeBehavior AtGather(int index) =>
        index == 0 ? Behavior : index - 1 < LaterGathers.Count ? LaterGathers[index - 1] : CalleeBehavior.StaysSilent;
}
