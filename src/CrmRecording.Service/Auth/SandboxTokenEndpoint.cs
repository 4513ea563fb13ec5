using CrmRecording.Dataverse;
using CrmRecording.Service.Sandbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmRecording.Service.Auth;

/// <summary>
/// <c>POST /sandbox/token</c>: mints a one-hour bearer token for a seeded CRM user of the sandbox's Dataverse
/// stand-in, so playback can be tried with curl. Mapped only in sandbox mode.
/// </summary>
internal static class SandboxTokenEndpoint
{
    public static IEndpointRouteBuilder MapSandboxToken(this IEndpointRouteBuilder app)
    {
        app.MapSandboxStandIns();
        app.MapPost("/sandbox/token", MintAsync)
            .WithTags("sandbox")
            .WithSummary("Sandbox only: a one-hour bearer token for a seeded CRM user (Dynamics: by systemuserid or Entra object id; Salesforce: { crm: \"salesforce\", userId: \"005...\" }).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Results<Ok<SandboxToken>, ProblemHttpResult>> MintAsync(
        SandboxTokenRequest request,
        SandboxTokenIssuer issuer,
        SandboxDataverse sandbox,
        DataverseClient dataverse,
        IServiceProvider services,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (request.Crm == Crm.CrmRecordRef.Salesforce)
        {
            return MintSalesforce(request, issuer, services.GetService<SandboxSalesforce>(), time);
        }

        if (request.Crm is { Length: > 0 } crm && crm != Crm.CrmRecordRef.Dynamics)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Which CRM?", detail: $"crm must be 'dynamics' or 'salesforce' (was '{crm}').");
        }

        Guid userId;
        Guid entraObjectId;
        string? name;
        if (request.UserId is { Length: > 0 } text && !Guid.TryParse(text, out _))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Whose token?", detail: "userId must be a systemuserid (a GUID); for a Salesforce user send { \"crm\": \"salesforce\", \"userId\": \"005...\" }.");
        }

        if (Guid.TryParse(request.UserId, out var id) && id != Guid.Empty)
        {
            if (sandbox.Attached)
            {
                return NotFound("The sandbox uses a CRM stand-in running elsewhere, whose users are found by Entra object id: send { \"entraObjectId\": \"<guid>\" }.");
            }

            // The stand-in is in this process; its row carries the Entra object id the Web API columns leave out.
            var row = sandbox.StandIn.GetRow("systemusers", id);
            if (row is null || !Guid.TryParse((string?)row["azureactivedirectoryobjectid"], out entraObjectId))
            {
                return NotFound($"The sandbox CRM has no user {id:D} with an Entra object id.");
            }

            userId = id;
            name = (string?)row["fullname"];
        }
        else if (request.EntraObjectId is { } oid && oid != Guid.Empty)
        {
            var user = await dataverse.FindUserByEntraObjectIdAsync(oid, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return NotFound($"The sandbox CRM has no user with Entra object id {oid:D}.");
            }

            (userId, entraObjectId, name) = (user.Id, oid, user.FullName);
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Whose token?", detail: "Send { \"userId\": \"<systemuserid>\" } or { \"entraObjectId\": \"<guid>\" }.");
        }

        var token = issuer.Mint(entraObjectId, userId, name, time.GetUtcNow());
        return TypedResults.Ok(new SandboxToken(token, "Bearer", (int)SandboxTokenIssuer.Lifetime.TotalSeconds, userId.ToString("D"), entraObjectId));
    }

    /// <summary>A token naming a seeded, active Salesforce User by <c>sf_user_id</c>.</summary>
    private static Results<Ok<SandboxToken>, ProblemHttpResult> MintSalesforce(SandboxTokenRequest request, SandboxTokenIssuer issuer, SandboxSalesforce? sandbox, TimeProvider time)
    {
        if (sandbox is null || sandbox.Attached)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No sandbox Salesforce", detail: "The Salesforce stand-in is not running in this service (Salesforce:Mode is not sandbox, or Sandbox:Salesforce:LoginUrl attaches another).");
        }

        if (!Salesforce.SalesforceId.TryParse(request.UserId, out var id))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Whose token?", detail: "Send { \"crm\": \"salesforce\", \"userId\": \"<15- or 18-character User id>\" }.");
        }

        var user = sandbox.StandIn.Record("User", id.Value);
        if (user is null || user["IsActive"]?.GetValue<bool>() != true)
        {
            return NotFound($"The sandbox Salesforce org has no active user {id.Value}.");
        }

        var name = (string?)user["Name"];
        var token = issuer.MintSalesforce(id.Value, name, time.GetUtcNow());
        return TypedResults.Ok(new SandboxToken(token, "Bearer", (int)SandboxTokenIssuer.Lifetime.TotalSeconds, id.Value, null));
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such sandbox user", detail: detail);
}

/// <summary>Whose token to mint: a <c>systemuserid</c> or an Entra object id; with <c>crm</c> <c>salesforce</c>, a Salesforce User id.</summary>
internal sealed record SandboxTokenRequest(string? UserId, Guid? EntraObjectId, string? Crm = null);

/// <summary>An OAuth-style token answer.</summary>
internal sealed record SandboxToken(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    string UserId,
    Guid? EntraObjectId);
