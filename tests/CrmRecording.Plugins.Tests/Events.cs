using CrmRecording.Plugins.Registration;

namespace CrmRecording.Plugins.Tests;

/// <summary>Builds step contexts the way the webhook reader would.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
    public static readonly Guid Rep = Guid.Parse("11111111-1111-1111-1111-111111111111");

    public static StepContext Event(string message, string table, Guid id, StepStage stage, StepMode mode, Dictionary<string, object?>? target = null, int depth = 1) => new()
    {
        Message = message,
        Table = table,
        RecordId = id,
        Stage = stage,
        Mode = mode,
        Depth = depth,
        UserId = Rep,
        RequestId = Guid.NewGuid().ToString(),
        Target = target ?? [],
        Now = Now,
    };
}
