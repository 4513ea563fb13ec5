using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CrmRecording.Telephony.Tests.Support;

/// <summary>REST responses shaped as Twilio sends them.</summary>
internal static class Responses
{
    public const string RequestId = "RQ0123456789abcdef0123456789abcdef";

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        return WithHeaders(response, [("Twilio-Request-Id", RequestId), .. headers]);
    }

    public static HttpResponseMessage Sample(HttpStatusCode status, string file) => Json(status, Samples.Text(file));

    public static HttpResponseMessage Empty(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        WithHeaders(new HttpResponseMessage(status), [("Twilio-Request-Id", RequestId), .. headers]);

    public static HttpResponseMessage Text(HttpStatusCode status, string text) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, "text/html") };

    /// <summary>Twilio's throttle: 429 with error 20429 "Too Many Requests".</summary>
    public static HttpResponseMessage Throttled(string? retryAfterSeconds = "2") => Json(
        HttpStatusCode.TooManyRequests,
        """{"code": 20429, "message": "Too Many Requests", "more_info": "https://www.twilio.com/docs/errors/20429", "status": 429}""",
        retryAfterSeconds is null ? [] : [("Retry-After", retryAfterSeconds)]);

    public static HttpResponseMessage ServerError(HttpStatusCode status = HttpStatusCode.InternalServerError) => Json(
        status,
        $$"""{"code": 20500, "message": "Internal Server Error", "more_info": "https://www.twilio.com/docs/errors/20500", "status": {{(int)status}}}""");

    private static HttpResponseMessage WithHeaders(HttpResponseMessage response, (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
