namespace CrmRecording.Service.Playback;

/// <summary>
/// What a <c>Range</c> header asks of a representation of known length (RFC 9110 §14): one satisfiable byte
/// range (206), nothing satisfiable (416), or — for no header, another unit, several ranges or a malformed
/// one — the whole representation (200), since a server may ignore a Range header it does not handle.
/// </summary>
internal readonly record struct ByteRangeSelection(ByteRangeKind Kind, long Start, long End)
{
    public long Length => Kind == ByteRangeKind.Partial ? End - Start + 1 : 0;

    public static ByteRangeSelection Whole => new(ByteRangeKind.Whole, 0, -1);

    public static ByteRangeSelection Unsatisfiable => new(ByteRangeKind.Unsatisfiable, 0, -1);

    /// <summary>Reads <c>bytes=a-b</c>, <c>bytes=a-</c> and <c>bytes=-n</c> against <paramref name="length"/>.</summary>
    public static ByteRangeSelection Select(string? header, long length)
    {
        const string unit = "bytes=";
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith(unit, StringComparison.OrdinalIgnoreCase))
        {
            return Whole;
        }

        var spec = header.AsSpan(unit.Length).Trim();
        var dash = spec.IndexOf('-');
        if (spec.Contains(',') || dash < 0)
        {
            return Whole;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            // bytes=-n: the last n bytes; n = 0 selects nothing.
            if (!TryDigits(last, out var suffix))
            {
                return Whole;
            }

            return suffix == 0 || length == 0 ? Unsatisfiable : new(ByteRangeKind.Partial, Math.Max(0, length - suffix), length - 1);
        }

        if (!TryDigits(first, out var start))
        {
            return Whole;
        }

        long end;
        if (last.IsEmpty)
        {
            end = length - 1;
        }
        else if (!TryDigits(last, out end) || end < start)
        {
            // last-pos before first-pos makes the range-spec invalid, not unsatisfiable.
            return Whole;
        }

        return start >= length ? Unsatisfiable : new(ByteRangeKind.Partial, start, Math.Min(end, length - 1));
    }

    /// <summary>Digits only (no sign, no spaces inside); a number too large for a long reads as <see cref="long.MaxValue"/>, which is past any recording.</summary>
    private static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value > (long.MaxValue - (c - '0')) / 10 ? long.MaxValue : (value * 10) + (c - '0');
        }

        return true;
    }
}

/// <summary>How a Range header is answered.</summary>
internal enum ByteRangeKind
{
    /// <summary>200 with the whole representation.</summary>
    Whole,

    /// <summary>206 with one range.</summary>
    Partial,

    /// <summary>416 with <c>Content-Range: bytes */length</c>.</summary>
    Unsatisfiable,
}
