using CrmRecording.Service.Auth;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using CrmRecording.Service.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);

        group.MapGet("/{id}/peaks", GetPeaksAsync)
            .WithSummary("The waveform: per channel, min/max pairs of samples in [-1, 1] over `buckets` (100 to 20000, default 2000) slices.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/media-link", IssueMediaLinkAsync)
            .WithSummary("A short-lived link to the audio for an <audio> element (which cannot send a bearer token); bound to the caller and the recording.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapMethods("/media/{token}", [HttpMethods.Get, HttpMethods.Head], GetMediaAsync)
            .WithTags("playback")
            .WithSummary("The audio through a media link: the same ranges, checks and audit as /api/recordings/{id}/audio.")
            .Produces(StatusCodes.Status206PartialContent, contentType: RecordingView.AudioContentType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

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
        IOptions<DataverseOptions> crm,
        CancellationToken cancellationToken)
    {
        var outcome = await gate.CheckAsync(httpContext.User, id, range: null, cancellationToken).ConfigureAwait(false);
        if (outcome.Grant is not { } grant)
        {
            return outcome.Refusal!;
        }

        httpContext.Response.Headers.CacheControl = "private, no-store";
        await metadata.AppendAsync(time, PlaybackAudit.Viewed, grant.Actor, grant.Recording.Id.Value, PlaybackAudit.Detail(StatusCodes.Status200OK, grant.Caller, grant.Basis, range: null), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RecordingView.From(grant.Recording, grant.Call, crm.Value.Mode == "remote" ? crm.Value.EnvironmentUrl : null));
    }

    internal static async Task<IResult> GetPeaksAsync(
        string id,
        int? buckets,
        HttpContext httpContext,
        PlaybackGate gate,
        RecordingVault vault,
        CancellationToken cancellationToken)
    {
        if (buckets is < 100 or > 20_000)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad buckets", detail: "buckets must be from 100 to 20000.");
        }

        var outcome = await gate.CheckAsync(httpContext.User, id, range: null, cancellationToken).ConfigureAwait(false);
        if (outcome.Grant is not { } grant)
        {
            return outcome.Refusal!;
        }

        if (grant.Recording.Damage is { } known)
        {
            return RecordingAudioResult.Damaged(known);
        }

        var count = buckets ?? 2000;
        var peaks = new WavePeaks(count);
        var detail = PlaybackAudit.Detail(StatusCodes.Status200OK, grant.Caller, grant.Basis, range: null) + " peaks=" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await vault.ExportAsync(grant.Recording.Id, null, null, peaks, grant.Actor, PlaybackAudit.PeaksViewed, detail, cancellationToken).ConfigureAwait(false);
        }
        catch (CrmRecording.Vault.Format.RecordingCorruptException ex)
        {
            return RecordingAudioResult.Damaged(ex.Message);
        }
        catch (CrmRecording.Vault.Audit.AuditUnavailableException)
        {
            // Nothing was read: the waveform is audio too, shown only once its view is on record.
            return PlaybackAudit.Unavailable("The waveform is shown only once its view is in the audit trail; try again shortly.");
        }
        catch (InvalidDataException ex)
        {
            // Audio imported in another format still plays; only the drawing is missing.
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No waveform for this audio", detail: ex.Message);
        }

        httpContext.Response.Headers.CacheControl = "private, no-store";
        var result = peaks.Result();
        return TypedResults.Ok(new PeaksView(Math.Round(peaks.Duration, 3), peaks.SampleRate, peaks.Channels, result[0].Length / 2, result));
    }

    internal static async Task<IResult> IssueMediaLinkAsync(
        string id,
        HttpContext httpContext,
        PlaybackGate gate,
        MediaLinks links,
        IMetadataStore metadata,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var outcome = await gate.CheckAsync(httpContext.User, id, range: null, cancellationToken).ConfigureAwait(false);
        if (outcome.Grant is not { } grant)
        {
            return outcome.Refusal!;
        }

        var (path, expiresAt) = links.Issue(grant.Recording.Id.Value, grant.Caller);
        await metadata.AppendAsync(time, PlaybackAudit.MediaLinkIssued, grant.Actor, grant.Recording.Id.Value, PlaybackAudit.Detail(StatusCodes.Status200OK, grant.Caller, grant.Basis, range: null), cancellationToken).ConfigureAwait(false);
        httpContext.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new MediaLinkView(path, expiresAt));
    }

    internal static async Task<IResult> GetMediaAsync(string token, HttpContext httpContext, MediaLinks links, PlaybackGate gate, CancellationToken cancellationToken)
    {
        var opened = links.Open(token);
        if (opened.Caller is not { } caller)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Media link refused", detail: opened.Problem);
        }

        var outcome = await gate.CheckAsync(caller, opened.RecordingId!, httpContext.Request.Headers.Range.ToString(), cancellationToken).ConfigureAwait(false);
        return outcome.Grant is { } grant ? new RecordingAudioResult(grant) : outcome.Refusal!;
    }

    internal static async Task<IResult> GetAudioAsync(string id, HttpContext httpContext, PlaybackGate gate, CancellationToken cancellationToken)
    {
        var outcome = await gate.CheckAsync(httpContext.User, id, httpContext.Request.Headers.Range.ToString(), cancellationToken).ConfigureAwait(false);
        return outcome.Grant is { } grant ? new RecordingAudioResult(grant) : outcome.Refusal!;
    }
}
