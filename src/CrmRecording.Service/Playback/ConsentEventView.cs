using CrmRecording.Service.Calls;

namespace CrmRecording.Service.Playback;

/// <summary>One consent log entry as shown to a reviewer (see <see cref="ConsentEvent"/>).</summary>
internal sealed record ConsentEventView(
    string Kind,
    DateTimeOffset At,
    string? Answer,
    string Method,
    string? Heard,
    string DisclosureKind,
    string DisclosureVersion,
    string Language,
    IReadOnlyList<string> Jurisdictions,
    string Description)
{
    public static ConsentEventView From(ConsentEvent e) =>
        new(e.Kind, e.At, e.Answer, e.Method, e.Heard, e.DisclosureKind, e.DisclosureVersion, e.Language, e.Jurisdictions, e.Describe());
}
