using System.Globalization;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Format;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.Net.Http.Headers;

namespace CrmRecording.Service.Playback;

/// <summary>
/// The audio of an allowed request, streamed from the vault as it is decrypted: only the chunks the range
/// spans are read, nothing is buffered whole or written to disk. GET honours one byte range (206, or 416 with
/// <c>Content-Range: bytes */length</c>); HEAD answers the headers of the whole representation, since range
/// handling is defined for GET only (RFC 9110 §14.2). Responses are never cached.
/// </summary>
internal sealed partial class RecordingAudioResult(PlaybackGrant grant) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var vault = services.GetRequiredService<RecordingVault>();
        var metadata = services.GetRequiredService<IMetadataStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var log = services.GetRequiredService<ILogger<RecordingAudioResult>>();
        var request = httpContext.Request;
        var response = httpContext.Response;
        var recording = grant.Recording;
        var length = recording.PlaintextBytes;
        var aborted = httpContext.RequestAborted;
        var head = HttpMethods.IsHead(request.Method);
        var rangeHeader = head ? null : request.Headers.Range.ToString();
        var selection = ByteRangeSelection.Select(rangeHeader, length);

        response.Headers.CacheControl = "private, no-store";
        response.Headers.AcceptRanges = "bytes";
        response.Headers.XContentTypeOptions = "nosniff";
        if (selection.Kind == ByteRangeKind.Unsatisfiable)
        {
            response.Headers.ContentRange = new ContentRangeHeaderValue(length).ToString();
            await metadata.AppendAsync(time, PlaybackAudit.Unsatisfiable, grant.Actor, recording.Id.Value, PlaybackAudit.Detail(StatusCodes.Status416RangeNotSatisfiable, grant.Caller, grant.Basis, rangeHeader), aborted).ConfigureAwait(false);
            await TypedResults.Problem(
                statusCode: StatusCodes.Status416RangeNotSatisfiable,
                title: "Range not satisfiable",
                detail: string.Create(CultureInfo.InvariantCulture, $"The recording is {length} bytes long.")).ExecuteAsync(httpContext).ConfigureAwait(false);
            return;
        }

        var partial = selection.Kind == ByteRangeKind.Partial;
        if (!head && !partial && recording.Damage is { } known)
        {
            // Known to be damaged (a verification or an earlier read found it): refused before the first byte, since a
            // whole-file GET would stop part-way and a player would take the short body for the end of the call.
            await metadata.AppendAsync(time, PlaybackAudit.Failed, grant.Actor, recording.Id.Value, $"{PlaybackAudit.Detail(StatusCodes.Status409Conflict, grant.Caller, grant.Basis, rangeHeader)} damage=\"{known}\"", aborted).ConfigureAwait(false);
            await Damaged(known).ExecuteAsync(httpContext).ConfigureAwait(false);
            return;
        }

        response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = RecordingView.AudioContentType;
        response.ContentLength = partial ? selection.Length : length;
        if (partial)
        {
            response.Headers.ContentRange = new ContentRangeHeaderValue(selection.Start, selection.End, length).ToString();
        }

        var detail = PlaybackAudit.Detail(response.StatusCode, grant.Caller, grant.Basis, rangeHeader);
        if (head)
        {
            await metadata.AppendAsync(time, PlaybackAudit.HeadGranted, grant.Actor, recording.Id.Value, detail, aborted).ConfigureAwait(false);
            return;
        }

        try
        {
            var listens = services.GetRequiredService<PlaybackListens>();
            await vault.ExportAsync(recording.Id, partial ? selection.Start : null, partial ? selection.End : null, response.Body, grant.Actor, PlaybackAudit.Granted, detail, (entry, ct) => listens.CommitOnceAsync(grant, entry, ct), aborted).ConfigureAwait(false);
            Served(log, grant.Actor, response.StatusCode, partial ? selection.Length : length);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The listener seeked or closed: the listen was audited before its first byte; that it ended early is added. Nobody is left to answer.
            await metadata.AppendAsync(time, PlaybackAudit.Aborted, grant.Actor, recording.Id.Value, detail, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuditUnavailableException ex) when (!response.HasStarted)
        {
            // The listen could not be put on record, so no byte of it was sent; the player may try again.
            ClearAudioHeaders(response);
            AuditFailed(log, grant.Actor, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            await TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Playback is not being recorded in the audit trail just now",
                detail: "Every listen is written to the audit trail before any audio is sent, and that write failed; try again shortly.").ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        catch (RecordingNotFoundException) when (!response.HasStarted)
        {
            // Deleted between the access check and the read.
            ClearAudioHeaders(response);
            await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such recording", detail: "The recording was deleted.").ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        catch (RecordingCorruptException ex) when (!response.HasStarted)
        {
            // The range starts in a damaged chunk: nothing was sent, so the player gets a problem it can show.
            ClearAudioHeaders(response);
            ReadFailed(log, grant.Actor, ex.GetType().Name);
            var damage = ex.Chunk is { } chunk ? $"chunk {chunk} (bytes from {chunk * recording.ChunkSize}) failed authentication" : ex.Message;
            await metadata.AppendAsync(time, PlaybackAudit.Failed, grant.Actor, recording.Id.Value, $"{PlaybackAudit.Detail(StatusCodes.Status409Conflict, grant.Caller, grant.Basis, rangeHeader)} damage=\"{damage}\"", CancellationToken.None).ConfigureAwait(false);
            await Damaged(damage).ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Audited and rethrown: before the first byte the host answers 500; after it, the connection is cut so a short body is never taken for the whole.
            ReadFailed(log, grant.Actor, ex.GetType().Name);
            await metadata.AppendAsync(time, PlaybackAudit.Failed, grant.Actor, recording.Id.Value, $"{detail} error={ex.GetType().Name}", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Takes back the headers of the audio that is not going to be sent, before a problem is answered instead.</summary>
    private static void ClearAudioHeaders(HttpResponse response)
    {
        response.Headers.Remove(HeaderNames.ContentRange);
        response.ContentLength = null;
    }

    /// <summary>409: the recording's current state (damaged audio) conflicts with serving it; the detail says from where.</summary>
    internal static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Damaged(string damage) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Recording damaged",
        detail: $"The stored audio is damaged ({damage}) and cannot be played from there. An administrator can restore it from backup and check it with 'crmrec recordings verify'.",
        type: "urn:crmrecording:problem:recording-damaged");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audio served to {Actor}: {Status}, {Bytes} bytes")]
    private static partial void Served(ILogger logger, string actor, int status, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audio for {Actor} could not be read ({Error})")]
    private static partial void ReadFailed(ILogger logger, string actor, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audio for {Actor} not sent: its audit event could not be written ({Error}); answered 503")]
    private static partial void AuditFailed(ILogger logger, string actor, string error);
}
