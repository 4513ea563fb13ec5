using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace CrmRecording.Vault.Recordings;

/// <summary>
/// A recording's identifier: 128 random bits, written as 32 lowercase hex characters. Never sequential,
/// never derived from the call, so a recording link cannot be guessed from another.
/// </summary>
public readonly record struct RecordingId
{
    private RecordingId(string value) => Value = value;

    public string Value { get; }

    public static RecordingId New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public static bool TryParse([NotNullWhen(true)] string? text, out RecordingId id)
    {
        id = default;
        if (text is null || text.Length != 32 || !text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return false;
        }

        id = new RecordingId(text);
        return true;
    }

    public static RecordingId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a recording id (32 lowercase hex characters).");

    /// <summary>The 16 bytes, bound into every chunk's associated data.</summary>
    public byte[] ToBytes() => Convert.FromHexString(Value);

    public override string ToString() => Value ?? string.Empty;
}
