namespace CrmRecording.Core.Phones;

/// <summary>Finds and removes an extension written after a number: <c>x123</c>, <c>ext. 123</c>, <c>extension 123</c>, <c>#123</c>, <c>;ext=123</c>.</summary>
internal static class PhoneExtension
{
    private const int MaxDigits = 7;

    private static readonly string[] Markers = [";ext=", "extension", "ext.", "ext", "x", "#"];

    // Every marker starts with one of these; most numbers contain none, and then nothing more is searched.
    private static readonly System.Buffers.SearchValues<char> MarkerStarts = System.Buffers.SearchValues.Create(";eExX#");

    /// <returns>An error when a marker is followed by something that is not an extension; otherwise null.</returns>
    public static PhoneParseResult? Split(ref ReadOnlySpan<char> text, out string? extension)
    {
        extension = null;
        var at = FindMarker(text, out var markerLength);
        if (at < 0)
        {
            return null;
        }

        var tail = text[(at + markerLength)..].TrimStart(" :.".AsSpan()).TrimEnd();
        if (tail.ContainsAnyExceptInRange('0', '9') && !AllDigitsOrSeparators(tail))
        {
            // Letters after the marker ("1-800-EXPRESS"): not an extension; the caller reports the letters.
            return null;
        }

        if (tail.Length == 0 || tail.Length > MaxDigits || !AllDigits(tail))
        {
            return PhoneParseResult.Fail(
                PhoneParseError.InvalidExtension,
                $"the extension '{text[at..].ToString()}' must be 1 to {MaxDigits} digits, as in x123 or ext. 123.");
        }

        extension = tail.ToString();
        text = text[..at].TrimEnd();
        return null;
    }

    private static int FindMarker(ReadOnlySpan<char> text, out int markerLength)
    {
        // The marker must follow at least one digit, so a leading letter is reported as a letter, not an extension.
        var firstDigit = text.IndexOfAnyInRange('0', '9');
        markerLength = 0;
        if (firstDigit < 0 || text[firstDigit..].IndexOfAny(MarkerStarts) < 0)
        {
            return -1;
        }

        foreach (var marker in Markers)
        {
            var at = text[firstDigit..].IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                markerLength = marker.Length;
                return firstDigit + at;
            }
        }

        return -1;
    }

    private static bool AllDigitsOrSeparators(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
