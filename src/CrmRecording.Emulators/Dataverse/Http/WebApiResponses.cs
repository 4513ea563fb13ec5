using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>Writes Web API responses: JSON bodies with <c>odata.metadata=minimal</c>, and errors in Dataverse's shape.</summary>
internal static class WebApiResponses
{
    public const string JsonContentType = "application/json; odata.metadata=minimal";

    // Dataverse writes "+14155550101" as is; the default encoder would write "\u002B14155550101".
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteJsonAsync(HttpContext context, HttpStatusCode status, JsonObject body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = JsonContentType;
        return context.Response.WriteAsync(body.ToJsonString(Json), context.RequestAborted);
    }

    public static Task WriteNoContent(HttpContext context)
    {
        context.Response.StatusCode = (int)HttpStatusCode.NoContent;
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>{"error":{"code","message"}}</c>; with <c>Prefer: odata.include-annotations</c> also the
    /// <c>@Microsoft.PowerApps.CDS.*</c> details of "Include more details with errors".
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, WebApiError error, Preferences? preferences)
    {
        var detail = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        if (preferences?.Includes("Microsoft.PowerApps.CDS.HelpLink") == true && error.Code.StartsWith("0x", StringComparison.Ordinal))
        {
            detail["@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus"] = error.Code == WebApiError.PluginCancelledCode ? "1" : "0";
            detail["@Microsoft.PowerApps.CDS.HelpLink"] =
                $"http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a{error.Code[2..]}&client=platform";
            detail["@Microsoft.PowerApps.CDS.InnerError.Message"] = error.Message;
        }

        return WriteJsonAsync(context, error.Status, new JsonObject { ["error"] = detail });
    }
}
