using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// The <c>$skiptoken</c> of an <c>@odata.nextLink</c>. Dataverse's token is a URL-encoded
/// <c>&lt;cookie pagenumber="2" pagingcookie="..." istracking="False" /&gt;</c>; the stand-in writes the same
/// shape and reads back only the page number. Clients must treat the link as opaque either way.
/// </summary>
internal static partial class PagingCookie
{
    public static string For(int pageNumber, Guid firstId, Guid lastId, string primaryId)
    {
        var inner = Uri.EscapeDataString(
            $"<cookie page=\"{pageNumber - 1}\"><{primaryId} last=\"{{{lastId.ToString().ToUpperInvariant()}}}\" first=\"{{{firstId.ToString().ToUpperInvariant()}}}\" /></cookie>");
        return $"<cookie pagenumber=\"{pageNumber}\" pagingcookie=\"{inner}\" istracking=\"False\" />";
    }

    public static int PageNumber(string skipToken)
    {
        if (skipToken.Length == 0)
        {
            return 1;
        }

        var match = PageNumberPattern().Match(skipToken);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : throw new WebApiErrorException(WebApiError.BadRequest("The $skiptoken is not a paging cookie this service issued."));
    }

    [GeneratedRegex("pagenumber=\"(\\d+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumberPattern();
}
