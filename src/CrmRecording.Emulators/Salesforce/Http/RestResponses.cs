using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Salesforce.Http;

/// <summary>Writes REST API responses: JSON bodies, and errors as the documented array <c>[{"message","errorCode","fields"}]</c>.</summary>
internal static class RestResponses
{
    // Salesforce writes "+14155550101" as is; the default encoder would write "\u002B14155550101".
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, HttpStatusCode status, JsonNode body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        return context.Response.WriteAsync(body.ToJsonString(Json), context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error) =>
        WriteAsync(context, error.Status, new JsonArray(ErrorItem(error.Code, error.Message, error.Fields, "errorCode")));

    /// <summary>An error of a SaveResult (collections name the code <c>statusCode</c>) or of the error array (<c>errorCode</c>).</summary>
    public static JsonObject ErrorItem(string code, string message, IReadOnlyList<string> fields, string codeName = "statusCode")
    {
        var item = new JsonObject { ["message"] = message, [codeName] = code };
        if (codeName == "statusCode" || fields.Count > 0)
        {
            item["fields"] = new JsonArray([.. fields.Select(f => (JsonNode?)JsonValue.Create(f))]);
        }

        return item;
    }

    public static JsonObject SaveResult(string? id, ApiError? error, bool? created = null)
    {
        var result = new JsonObject
        {
            ["id"] = id,
            ["success"] = error is null,
            ["errors"] = error is null ? new JsonArray() : new JsonArray(ErrorItem(error.Code, error.Message, error.Fields)),
        };
        if (created is { } c)
        {
            result["created"] = c;
        }

        return result;
    }
}
