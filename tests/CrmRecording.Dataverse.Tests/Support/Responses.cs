using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CrmRecording.Dataverse.Tests.Support;

/// <summary>Web API responses as Microsoft's documentation shows them.</summary>
internal static class Responses
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; odata.metadata=minimal");
        return WithHeaders(response, [("OData-Version", "4.0"), .. headers]);
    }

    public static HttpResponseMessage Empty(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        WithHeaders(new HttpResponseMessage(status), [("OData-Version", "4.0"), .. headers]);

    public static HttpResponseMessage Text(HttpStatusCode status, string text) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, "text/html") };

    /// <summary>Microsoft's documented throttle: 429 with Retry-After and the "Number of requests" error (0x80072322).</summary>
    public static HttpResponseMessage Throttled(string? retryAfterSeconds = "5") => Json(
        HttpStatusCode.TooManyRequests,
        """{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""",
        retryAfterSeconds is null ? [] : [("Retry-After", retryAfterSeconds)]);

    private static HttpResponseMessage WithHeaders(HttpResponseMessage response, (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
