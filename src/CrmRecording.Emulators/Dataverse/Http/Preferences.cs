using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// The request's <c>Prefer</c> header (RFC 7240): <c>return=representation</c>, <c>odata.maxpagesize=N</c>
/// and <c>odata.include-annotations="..."</c>. Several preferences may share one header or use several.
/// </summary>
internal sealed record Preferences(bool ReturnRepresentation, int? MaxPageSize, string? IncludeAnnotations)
{
    public static Preferences From(HttpRequest request)
    {
        var returnRepresentation = false;
        int? maxPageSize = null;
        string? annotations = null;
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var raw in SplitOutsideQuotes(header ?? string.Empty))
            {
                var (name, value) = Split(raw);
                switch (name.ToLowerInvariant())
                {
                    case "return":
                        returnRepresentation = string.Equals(value, "representation", StringComparison.OrdinalIgnoreCase);
                        break;
                    case "odata.maxpagesize" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0:
                        maxPageSize = size;
                        break;
                    case "odata.include-annotations":
                        annotations = value?.Trim('"');
                        break;
                }
            }
        }

        return new Preferences(returnRepresentation, maxPageSize, annotations);
    }

    /// <summary>Whether a lookup annotation such as <c>Microsoft.Dynamics.CRM.lookuplogicalname</c> was asked for.</summary>
    public bool Includes(string annotation)
    {
        if (IncludeAnnotations is null)
        {
            return false;
        }

        foreach (var pattern in IncludeAnnotations.Split(',', StringSplitOptions.TrimEntries))
        {
            if (pattern == "*" || string.Equals(pattern, annotation, StringComparison.Ordinal)
                || (pattern.EndsWith('*') && annotation.StartsWith(pattern[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits on commas that are not inside a quoted value (<c>odata.include-annotations="a,b"</c> is one preference).</summary>
    private static IEnumerable<string> SplitOutsideQuotes(string header)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= header.Length; i++)
        {
            if (i < header.Length && header[i] == '"')
            {
                quoted = !quoted;
            }
            else if (i == header.Length || (header[i] == ',' && !quoted))
            {
                var part = header[start..i].Trim();
                if (part.Length > 0)
                {
                    yield return part;
                }

                start = i + 1;
            }
        }
    }

    private static (string Name, string? Value) Split(string preference)
    {
        var equals = preference.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (preference, null) : (preference[..equals].Trim(), preference[(equals + 1)..].Trim());
    }
}
