using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmRecording.Emulators.Dataverse.Http;

/// <summary>
/// A stand-in for the Microsoft identity platform token endpoint (<c>POST /{tenant}/oauth2/v2.0/token</c>,
/// client credentials) that always issues the stand-in's bearer token, for clients whose authority host is
/// configurable. It does not check the client secret.
/// </summary>
internal static partial class TokenEndpoint
{
    public static bool Matches(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && TokenPath().IsMatch(request.Path.Value ?? string.Empty);

    public static async Task AnswerAsync(HttpContext context, string body, DataverseStandInOptions options)
    {
        var form = QueryHelpers.ParseQuery(body);
        if (!form.TryGetValue("grant_type", out var grant) || grant != "client_credentials")
        {
            context.Response.StatusCode = (int)HttpStatusCode.BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "The stand-in issues tokens for grant_type=client_credentials only." }.ToJsonString(),
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(
            new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3599,
                ["ext_expires_in"] = 3599,
                ["access_token"] = options.BearerToken,
            }.ToJsonString(),
            context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^/[^/]+/oauth2/v2\.0/token$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPath();
}
