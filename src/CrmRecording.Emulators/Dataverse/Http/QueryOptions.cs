using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>The system query options of a request: <c>$select</c>, <c>$filter</c>, <c>$top</c> and the paging <c>$skiptoken</c>.</summary>
internal sealed record QueryOptions(IReadOnlyList<string>? Select, FilterExpression? Filter, int? Top, int PageNumber)
{
    private static readonly string[] Unsupported = ["$expand", "$orderby", "$apply", "$count", "$search", "$skip", "fetchXml"];

    public static QueryOptions From(IQueryCollection query)
    {
        foreach (var option in Unsupported)
        {
            if (query.ContainsKey(option))
            {
                throw new WebApiErrorException(WebApiError.NotImplemented($"the query option '{option}'"));
            }
        }

        var select = query["$select"].ToString();
        var filter = query["$filter"].ToString();
        var top = query["$top"].ToString();
        return new QueryOptions(
            select.Length == 0 ? null : select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            filter.Length == 0 ? null : FilterExpression.Parse(filter),
            top.Length == 0 ? null : ParseTop(top),
            PagingCookie.PageNumber(query["$skiptoken"].ToString()));
    }

    private static int ParseTop(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top > 0
            ? top
            : throw new WebApiErrorException(WebApiError.BadRequest($"Invalid value '{text}' for $top query option found."));
}
