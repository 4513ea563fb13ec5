using CrmRecording.Service.Auth;
using CrmRecording.Vault.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmRecording.Service.Playback;

/// <summary>
/// <c>/api/recordings/{id}</c> (metadata and consent log) and <c>/api/recordings/{id}/audio</c> (seekable audio),
/// for bearer tokens of trusted issuers only: 401 comes before anything is looked up, so the existence of a
/// recording is never revealed to an anonymous caller. Ids are the vault's 128-bit random ids; URLs carry no secret.
/// </summary>
internal static class PlaybackEndpoints
{
    public static IEndpointRouteBuilder MapPlayback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recordings").WithTags("playback").RequireAuthorization(CallerAuthentication.Policy);
        group.MapGet("/{id}", GetRecordingAsync)
            .WithSummary("A recording's metadata, retention, consent log and paused spans.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapMethods("/{id}/audio", [HttpMethods.Get, HttpMethods.Head], GetAudioAsync)
            .WithSummary("The recording as audio/wav; one byte range per request (206), 416 when outside the recording.")
            .Produces(StatusCodes.Status200OK, contentType: RecordingView.AudioContentType)
            .Produces(StatusCodes.Status206PartialContent, contentType: RecordingView.AudioContentType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);

        // The sandbox issuer is registered only in sandbox mode; without it there is no token endpoint either.
        if (app.ServiceProvider.GetService<SandboxTokenIssuer>() is not null)
        {
            app.MapSandboxToken();
        }

        return app;
    }

    internal static async Task<Results<Ok<RecordingView>, ProblemHttpResult>> GetRecordingAsync(
        string id,
        HttpContext httpContext,
        PlaybackGate gate,
        IMetadataStore metadata,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var outcome = await gate.CheckAsync(httpContext.User, id, range: null, cancellationToken).ConfigureAwait(false);
        if (outcome.Grant is not { } grant)
        {
            return outcome.Refusal!;
        }

        httpContext.Response.Headers.CacheControl = "private, no-store";
        await metadata.AppendAsync(time, PlaybackAudit.Viewed, grant.Actor, grant.Recording.Id.Value, PlaybackAudit.Detail(StatusCodes.Status200OK, grant.Caller, grant.Basis, range: null), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RecordingView.From(grant.Recording, grant.Call));
    }

    internal static async Task<IResult> GetAudioAsync(string id, HttpContext httpContext, PlaybackGate gate, CancellationToken cancellationToken)
    {
        var outcome = await gate.CheckAsync(httpContext.User, id, httpContext.Request.Headers.Range.ToString(), cancellationToken).ConfigureAwait(false);
        return outcome.Grant is { } grant ? new RecordingAudioResult(grant) : outcome.Refusal!;
    }
}
