using System.Text.RegularExpressions;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// The part of a Web API URL after <c>/api/data/v9.2/</c>: <c>contacts</c>, <c>contacts(id)</c>,
/// <c>systemusers(id)/systemuserroles_association</c> or <c>systemusers(id)/systemuserroles_association/$ref</c>.
/// </summary>
internal sealed partial record ResourcePath(string Segment, Guid? Key, string? Navigation, bool IsReference)
{
    public static ResourcePath? Parse(string path)
    {
        var parts = path.Split('/', StringSplitOptions.None);
        if (parts.Length is 0 or > 3 || parts[0].Length == 0)
        {
            return null;
        }

        var keyed = KeyedSegment().Match(parts[0]);
        var segment = keyed.Success ? keyed.Groups["set"].Value : parts[0];
        Guid? key = keyed.Success ? Guid.Parse(keyed.Groups["key"].Value) : null;
        if (parts.Length == 1)
        {
            return new ResourcePath(segment, key, null, false);
        }

        if (key is null || parts[1].Length == 0)
        {
            return null;
        }

        var isReference = parts.Length == 3;
        if (isReference && !string.Equals(parts[2], "$ref", StringComparison.Ordinal))
        {
            return null;
        }

        return new ResourcePath(segment, key, parts[1], isReference);
    }

    /// <summary>The entity set and key of an <c>@odata.bind</c> or <c>@odata.id</c> value: relative, rooted or absolute.</summary>
    public static (string EntitySet, Guid Id)? ParseReference(string reference)
    {
        var trimmed = reference.TrimEnd('/');
        var lastSlash = trimmed.LastIndexOf('/');
        var last = lastSlash >= 0 ? trimmed[(lastSlash + 1)..] : trimmed;
        var match = KeyedSegment().Match(last);
        return match.Success ? (match.Groups["set"].Value, Guid.Parse(match.Groups["key"].Value)) : null;
    }

    [GeneratedRegex(@"^(?<set>[A-Za-z_][A-Za-z0-9_]*)\((?<key>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyedSegment();
}
