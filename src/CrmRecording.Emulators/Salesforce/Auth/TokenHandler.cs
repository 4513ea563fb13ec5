using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Salesforce.Org;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmRecording.Emulators.Salesforce.Auth;

/// <summary>
/// <c>POST /services/oauth2/token</c>: the client credentials grant (consumer key and secret; the session runs as the
/// app's "run as" user) and the JWT bearer grant (an assertion the app's certificate signed; the session runs as
/// <c>sub</c>). Answers as the help page's sample: <c>access_token</c>, <c>instance_url</c>, <c>id</c>, <c>token_type</c>,
/// <c>issued_at</c>, <c>signature</c>; errors as <c>{"error","error_description"}</c> with 400.
/// </summary>
internal sealed class TokenHandler(SalesforceStandInOptions options, OrgStore store, SessionBook sessions, Func<Uri> login, Func<Uri> instance)
{
    public const string Path = "/services/oauth2/token";

    public async Task AnswerAsync(HttpContext context, string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        var grant = form.TryGetValue("grant_type", out var g) ? g.ToString() : string.Empty;
        var (userId, error, description) = grant switch
        {
            "client_credentials" => ClientCredentials(form),
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => JwtBearer(form),
            _ => (null, "unsupported_grant_type", "grant type not supported"),
        };
        if (userId is null)
        {
            await WriteAsync(context, HttpStatusCode.BadRequest, new JsonObject { ["error"] = error, ["error_description"] = description }).ConfigureAwait(false);
            return;
        }

        var orgId = Seed.SalesforceSeed.OrganizationId;
        var issuedAt = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var id = $"{login().GetLeftPart(UriPartial.Authority)}/id/{orgId}/{userId}";
        await WriteAsync(context, HttpStatusCode.OK, new JsonObject
        {
            ["access_token"] = sessions.Issue(orgId, userId),
            ["signature"] = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.ClientSecret), Encoding.UTF8.GetBytes(id + issuedAt))),
            ["scope"] = "api",
            ["instance_url"] = instance().GetLeftPart(UriPartial.Authority),
            ["id"] = id,
            ["token_type"] = "Bearer",
            ["issued_at"] = issuedAt,
        }).ConfigureAwait(false);
    }

    private (string?, string?, string?) ClientCredentials(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        var clientOk = Same(form.GetValueOrDefault("client_id").ToString(), options.ClientId);
        var secretOk = Same(form.GetValueOrDefault("client_secret").ToString(), options.ClientSecret);
        return clientOk && secretOk ? (options.RunAsUserId, null, null) : (null, "invalid_client", "invalid client credentials");
    }

    private (string?, string?, string?) JwtBearer(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        var audience = options.JwtAudience ?? login().GetLeftPart(UriPartial.Authority);
        var (username, error, description) = JwtAssertionCheck.Check(
            form.GetValueOrDefault("assertion").ToString(), options.JwtSigningKey, options.ClientId, audience, options.TimeProvider.GetUtcNow());
        if (username is null)
        {
            return (null, error, description);
        }

        var user = store.All("User").FirstOrDefault(u => string.Equals((string?)u["Username"], username, StringComparison.OrdinalIgnoreCase) && u["IsActive"]?.GetValue<bool>() == true);
        return user is null ? (null, "invalid_grant", "user hasn't approved this consumer") : ((string)user["Id"]!, null, null);
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static Task WriteAsync(HttpContext context, HttpStatusCode status, JsonObject body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
