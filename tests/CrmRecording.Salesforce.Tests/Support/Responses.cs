using System.Net;
using System.Text;

namespace CrmRecording.Salesforce.Tests.Support;

/// <summary>REST and OAuth responses as Salesforce's documentation shows them.</summary>
internal static class Responses
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Ok(string json, params (string Name, string Value)[] headers) => Json(HttpStatusCode.OK, json, headers);

    public static HttpResponseMessage NoContent() => new(HttpStatusCode.NoContent);

    /// <summary>The client credentials answer of the help page's sample, with a real instance and token.</summary>
    public static HttpResponseMessage Token(string accessToken, string instanceUrl = SalesforceHarness.Instance) => Ok(
        Samples.JsonBlock("sf-oauth-client-credentials-token.http")
            .Replace("\"your_access_token\"", $"\"{accessToken}\"", StringComparison.Ordinal)
            .Replace("\"instance_url\": \"instance_url\"", $"\"instance_url\": \"{instanceUrl}\"", StringComparison.Ordinal));

    /// <summary>401 with the documented INVALID_SESSION_ID body.</summary>
    public static HttpResponseMessage InvalidSession() =>
        Json(HttpStatusCode.Unauthorized, Samples.JsonBlock("sf-rest-errors.txt"));

    public static HttpResponseMessage Query(string recordsJson, bool done = true, string? next = null, params (string Name, string Value)[] headers) => Ok(
        $$"""{"totalSize":0,"done":{{(done ? "true" : "false")}}{{(next is null ? string.Empty : $",\"nextRecordsUrl\":\"{next}\"")}},"records":[{{recordsJson}}]}""", headers);
}
