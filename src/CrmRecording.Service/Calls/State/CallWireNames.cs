using System.Text.Json;
using System.Text.Json.Serialization;
using CrmRecording.Core.Decisions;

namespace CrmRecording.Service.Calls.State;

/// <summary>
/// The one place a call's closed sets meet their names in the call store, the API and Twilio's callbacks. The names are
/// the ones stored since the first release (<c>in-progress</c>, <c>no-answer</c>, <c>record-after-consent</c>, ...):
/// calls stored before these enums read unchanged.
/// </summary>
public static class CallWireNames
{
    private static readonly (CallStatus Status, string Name)[] Statuses =
    [
        (CallStatus.Placing, "placing"),
        (CallStatus.Ringing, "ringing"),
        (CallStatus.InProgress, "in-progress"),
        (CallStatus.Completed, "completed"),
        (CallStatus.Busy, "busy"),
        (CallStatus.Failed, "failed"),
        (CallStatus.NoAnswer, "no-answer"),
        (CallStatus.Canceled, "canceled"),
    ];

    private static readonly RecordingOutcome[] Outcomes = Enum.GetValues<RecordingOutcome>();

    public static string ToWireName(this CallStatus status) =>
        Array.Find(Statuses, s => s.Status == status).Name ?? throw new ArgumentOutOfRangeException(nameof(status), status, null);

    /// <summary>A call status as stored or as Twilio's <c>CallStatus</c> names it (<c>queued</c>, <c>initiated</c> are not the call's).</summary>
    public static bool TryParseStatus(string? name, out CallStatus status)
    {
        foreach (var (s, n) in Statuses)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static bool TryParseDecision(string? name, out RecordingOutcome outcome)
    {
        foreach (var o in Outcomes)
        {
            if (string.Equals(o.ToWireName(), name, StringComparison.Ordinal))
            {
                outcome = o;
                return true;
            }
        }

        outcome = default;
        return false;
    }

    /// <summary>Reads and writes <see cref="CallStatus"/> by its wire name.</summary>
    public sealed class StatusConverter : JsonConverter<CallStatus>
    {
        public override CallStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryParseStatus(reader.GetString(), out var status) ? status : throw new JsonException($"'{reader.GetString()}' is not a call status.");

        public override void Write(Utf8JsonWriter writer, CallStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToWireName());
    }

    /// <summary>Reads and writes the decision (<see cref="RecordingOutcome"/>) by its wire name.</summary>
    public sealed class DecisionConverter : JsonConverter<RecordingOutcome>
    {
        public override RecordingOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryParseDecision(reader.GetString(), out var outcome) ? outcome : throw new JsonException($"'{reader.GetString()}' is not a recording decision.");

        public override void Write(Utf8JsonWriter writer, RecordingOutcome value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToWireName());
    }
}
