using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmRecording.Salesforce.Http;

/// <summary>
/// The org's API requests in the rolling 24 hours, from <c>Sforce-Limit-Info: api-usage=18/5000</c> (sent on every
/// response but the root). Recorded as the gauges <c>crmrecording.salesforce.api_requests.used</c> and <c>.limit</c>.
/// </summary>
/// <param name="Used">Requests counted so far.</param>
/// <param name="Limit">The org's daily allocation.</param>
public sealed partial record ApiUsage(long Used, long Limit)
{
    private static readonly Meter Meter = new("CrmRecording.Salesforce");
    private static readonly Gauge<long> UsedGauge = Meter.CreateGauge<long>("crmrecording.salesforce.api_requests.used", description: "API requests the org counted in the rolling 24 hours.");
    private static readonly Gauge<long> LimitGauge = Meter.CreateGauge<long>("crmrecording.salesforce.api_requests.limit", description: "The org's API request allocation for 24 hours.");

    /// <summary>The share of the allocation used, 0 to 1 (more when over).</summary>
    public double Fraction => Limit <= 0 ? 0 : (double)Used / Limit;

    /// <summary>Reads the header's <c>api-usage</c> part; null when absent or unreadable.</summary>
    public static ApiUsage? FromHeader(string? header)
    {
        if (header is null || UsagePattern().Match(header) is not { Success: true } match)
        {
            return null;
        }

        return long.TryParse(match.Groups["used"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            && long.TryParse(match.Groups["limit"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? new ApiUsage(used, limit)
            : null;
    }

    internal void Record(string host)
    {
        var tag = new KeyValuePair<string, object?>("salesforce.instance", host);
        UsedGauge.Record(Used, tag);
        LimitGauge.Record(Limit, tag);
    }

    // "api-usage=10018/100000", possibly followed by "; api-bursts=..." or ", per-app-api-usage=17/250(appName=...)".
    [GeneratedRegex(@"(?:^|[;,\s])api-usage=(?<used>\d{1,18})/(?<limit>\d{1,18})", RegexOptions.CultureInvariant)]
    private static partial Regex UsagePattern();
}
