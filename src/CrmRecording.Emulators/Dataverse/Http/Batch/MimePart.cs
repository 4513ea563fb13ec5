namespace CrmRecording.Emulators.Dataverse.Http.Batch;

/// <summary>One part of a <c>multipart/mixed</c> body: its MIME headers and what follows the blank line.</summary>
internal sealed record MimePart(IReadOnlyDictionary<string, string> Headers, string Content)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>
    /// Splits <paramref name="body"/> at <c>--{boundary}</c> lines up to <c>--{boundary}--</c> (RFC 2046 §5.1.1): the
    /// preamble is ignored, and the line break before a delimiter belongs to the delimiter. Lines may end in CRLF or LF.
    /// </summary>
    /// <returns>The parts, or null when the closing delimiter is missing.</returns>
    public static IReadOnlyList<MimePart>? Split(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<MimePart>();
        List<string>? current = null;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimEnd();
            if (trimmed == delimiter || trimmed == delimiter + "--")
            {
                if (current is not null)
                {
                    parts.Add(Parse(current));
                }

                if (trimmed.Length > delimiter.Length)
                {
                    return parts;
                }

                current = [];
                continue;
            }

            current?.Add(line);
        }

        return null;
    }

    /// <summary>Headers up to the first blank line, then the content (trailing blank lines dropped).</summary>
    public static MimePart Parse(IReadOnlyList<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        for (; i < lines.Count && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        var content = string.Join("\r\n", lines.Skip(i + 1)).TrimEnd('\r', '\n');
        return new MimePart(headers, content);
    }

    /// <summary>The <c>boundary</c> parameter of a <c>multipart/mixed</c> content type, quoted or not; null for any other type.</summary>
    public static string? Boundary(string? contentType)
    {
        var pieces = (contentType ?? string.Empty).Split(';', StringSplitOptions.TrimEntries);
        if (!string.Equals(pieces[0], "multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return pieces.Skip(1)
            .Where(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            .Select(p => p["boundary=".Length..].Trim('"'))
            .FirstOrDefault(b => b.Length is > 0 and <= 70);
    }
}
