namespace CrmRecording.Core.Phones.Numbering;

/// <summary>One number type of a region: its pattern and the lengths its numbers may have (bit n = length n).</summary>
/// <param name="Pattern">The national-number pattern, or null when the region has no numbers of this type.</param>
/// <param name="Lengths">Possible lengths; 0 when the metadata gives none for the type (then the general ones apply).</param>
/// <param name="LocalLengths">Lengths that can be dialled only locally (without an area code).</param>
internal sealed record NumberDesc(string? Pattern, int Lengths, int LocalLengths)
{
    public static readonly NumberDesc None = new(null, 0, 0);

    /// <summary>The shortest and longest possible lengths, for messages.</summary>
    public (int Min, int Max) Range => Lengths == 0 ? (0, 0) : (System.Numerics.BitOperations.TrailingZeroCount(Lengths), 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)Lengths));

    public bool AllowsLength(int length) => Lengths == 0 || (length < 32 && (Lengths & (1 << length)) != 0);
}
