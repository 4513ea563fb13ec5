using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.OpenId;

/// <summary>Routes the provider's requests: discovery, keys, the authorization endpoint with its picker, the token endpoint.</summary>
internal sealed partial class OpenIdHandler(
    OpenIdStandInOptions options,
    ConcurrentDictionary<string, OpenIdClient> clients,
    IdTokenSigner signer,
    PendingGrants grants,
    Func<string> issuer)
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string KeysPath = "/jwks";
    public const string AuthorizePath = "/authorize";
    public const string PickPath = "/authorize/pick";
    public const string TokenPath = "/token";

    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        return (path, method) switch
        {
            (DiscoveryPath, "GET") => Json(context, StatusCodes.Status200OK, Discovery()),
            (KeysPath, "GET") => Json(context, StatusCodes.Status200OK, signer.KeySet()),
            (AuthorizePath, "GET") => AuthorizeAsync(context),
            (PickPath, "POST") => PickAsync(context),
            (TokenPath, "POST") => TokenAsync(context),
            (DiscoveryPath or KeysPath or AuthorizePath or PickPath or TokenPath, _) => Json(context, StatusCodes.Status405MethodNotAllowed, Error("invalid_request", $"{method} is not supported here.")),
            _ => Json(context, StatusCodes.Status404NotFound, Error("not_found", "No such endpoint.")),
        };
    }

    private JsonObject Discovery()
    {
        var root = issuer();
        return new JsonObject
        {
            ["issuer"] = root,
            ["authorization_endpoint"] = root + AuthorizePath,
            ["token_endpoint"] = root + TokenPath,
            ["jwks_uri"] = root + KeysPath,
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["grant_types_supported"] = new JsonArray("authorization_code"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["claims_supported"] = new JsonArray("iss", "sub", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "oid", "tid", "name", "preferred_username", "at_hash"),
            ["authorization_response_iss_parameter_supported"] = true,
        };
    }

    private static JsonObject Error(string error, string description) => new() { ["error"] = error, ["error_description"] = description };

    private static Task Json(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task Html(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = PickerPage.ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
