namespace CrmRecording.Core.Decisions;

/// <summary>The consent held on the contact.</summary>
/// <param name="State">Granted, declined, revoked or unknown.</param>
/// <param name="Date">When it was given or withdrawn.</param>
/// <param name="Method">How (keypad, voice, web form, signed agreement...).</param>
/// <param name="Evidence">A reference to the evidence (consent log entry, document).</param>
public sealed record ConsentRecord(ConsentState State, DateOnly? Date = null, string? Method = null, string? Evidence = null)
{
    public static ConsentRecord None { get; } = new(ConsentState.Unknown);
}
