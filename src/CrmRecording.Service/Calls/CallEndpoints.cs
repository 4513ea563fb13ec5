using System.Security.Claims;
using CrmRecording.Service.Auth;

namespace CrmRecording.Service.Calls;

/// <summary>
/// The dialer's API: place a call, see it, start (after a verbal disclosure), pause and resume its recording.
/// Every request carries the rep's bearer token; a rep acts only as themselves.
/// </summary>
internal static class CallEndpoints
{
    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("calls").DisableAntiforgery().RequireAuthorization(CallerAuthentication.Policy);
        calls.MapPost("/", PlaceAsync).WithSummary("Click to dial: decides whether and how the call may be recorded, places it and creates the phone call activity.")
            .Produces<PlaceCallResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        calls.MapGet("/{id}", GetAsync).WithSummary("The call's state, consent events, paused spans and recordings (its rep, the rep's manager, recording reviewers).");
        calls.MapPost("/{id}/recording/start", StartAsync).WithSummary("The rep starts recording after a verbal disclosure, with their attestation (listed for audit).");
        calls.MapPost("/{id}/recording/pause", PauseAsync).WithSummary("PCI: stop capturing while payment details are given.");
        calls.MapPost("/{id}/recording/resume", ResumeAsync).WithSummary("Resume recording after a PCI pause.");
        calls.MapPost("/{id}/hangup", HangUpAsync).WithSummary("The rep ends the call (both legs); the recording, if any, is then stored as after any hang-up.");
        calls.MapGet("/{id}/events", Live.CallEventStream.StreamAsync).WithSummary("The call's live state as server-sent events (text/event-stream) until it is final (its rep, the rep's manager, recording reviewers).")
            .Produces<Live.CallStateView>(StatusCodes.Status200OK, "text/event-stream");
        calls.MapGet("/manual-starts", ManualStartsAsync).WithSummary("Calls whose recording a rep started by hand, newest first (recording reviewers and administrators).");
        app.MapVoiceToken();
        return app;
    }

    internal static async Task<IResult> PlaceAsync(PlaceCallRequest? request, ClaimsPrincipal principal, HttpResponse response, CallCaller caller, CallFlow flow, CancellationToken cancellationToken)
    {
        var remote = new RemoteTime();
        if (request is null)
        {
            return Results.Problem(statusCode: 400, detail: "Send a JSON body: { crm, entity, id, phoneField?, repUserId? }.");
        }

        var lookup = await remote.MeasureAsync(() => caller.ResolveAsync(principal, cancellationToken)).ConfigureAwait(false);
        if (lookup is not CallerLookup.Found { User: var user })
        {
            return CallHttp.Problem(lookup);
        }

        if (request.Crm is { Length: > 0 } crm && crm != user.Crm && crm is Crm.CrmRecordRef.Dynamics or Crm.CrmRecordRef.Salesforce)
        {
            return Results.Problem(statusCode: 403, detail: $"Your token is for a {user.Crm} user; calls in {crm} are placed by its own users.");
        }

        if (request.RepUserId is { Length: > 0 } rep && !IsUser(user, rep))
        {
            return Results.Problem(statusCode: 403, detail: "repUserId must be your own CRM user: calls are placed only as yourself.");
        }

        var outcome = await flow.PlaceAsync(request with { RepUserId = user.Id }, remote, cancellationToken).ConfigureAwait(false);
        response.Headers["Server-Timing"] = remote.ServerTiming();
        return outcome switch
        {
            PlaceOutcome.Placed placed => Results.Created($"/api/calls/{placed.Call.CallId}", placed.Call),
            PlaceOutcome.Refused refused => CallHttp.Problem(refused),
            _ => throw new InvalidOperationException("A place outcome is placed or refused."),
        };
    }

    internal static async Task<IResult> GetAsync(string id, ClaimsPrincipal principal, CallCaller caller, ICallStore calls, CancellationToken cancellationToken)
    {
        var lookup = await caller.ResolveAsync(principal, cancellationToken).ConfigureAwait(false);
        if (lookup is not CallerLookup.Found { User: var user })
        {
            return CallHttp.Problem(lookup);
        }

        if (await calls.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return Results.Problem(statusCode: 404, detail: $"No call {id}.");
        }

        return await caller.MaySeeAsync(user, call, cancellationToken).ConfigureAwait(false)
            ? Results.Ok(CallView.From(call))
            : Results.Problem(statusCode: 403, detail: "Only the call's rep, the rep's manager and recording reviewers can see a call.");
    }

    internal static Task<IResult> StartAsync(string id, RecordingControlRequest? request, ClaimsPrincipal principal, CallCaller caller, CallFlow flow, CancellationToken cancellationToken) =>
        ControlAsync(request, principal, caller, rep => flow.StartManualAsync(id, rep, request?.Attestation, cancellationToken), cancellationToken);

    internal static Task<IResult> PauseAsync(string id, RecordingControlRequest? request, ClaimsPrincipal principal, CallCaller caller, CallFlow flow, CancellationToken cancellationToken) =>
        ControlAsync(request, principal, caller, rep => flow.PauseAsync(id, rep, cancellationToken), cancellationToken);

    internal static Task<IResult> ResumeAsync(string id, RecordingControlRequest? request, ClaimsPrincipal principal, CallCaller caller, CallFlow flow, CancellationToken cancellationToken) =>
        ControlAsync(request, principal, caller, rep => flow.ResumeAsync(id, rep, cancellationToken), cancellationToken);

    internal static Task<IResult> HangUpAsync(string id, RecordingControlRequest? request, ClaimsPrincipal principal, CallCaller caller, CallFlow flow, CancellationToken cancellationToken) =>
        ControlAsync(request, principal, caller, rep => flow.HangUpAsync(id, rep, cancellationToken), cancellationToken);

    internal static async Task<IResult> ManualStartsAsync(ClaimsPrincipal principal, CallCaller caller, ICallStore calls, CancellationToken cancellationToken, int max = 100)
    {
        var lookup = await caller.ResolveAsync(principal, cancellationToken).ConfigureAwait(false);
        if (lookup is not CallerLookup.Found { User: var user })
        {
            return CallHttp.Problem(lookup);
        }

        if (!await caller.IsReviewerAsync(user, cancellationToken).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: 403, detail: "The list of hand-started recordings is for Recording Reviewers and Recording Administrators.");
        }

        return Results.Ok((await calls.ListManualStartsAsync(Math.Clamp(max, 1, 1000), cancellationToken).ConfigureAwait(false))
            .Select(ManualStartListing.From));
    }

    private static bool IsUser(Crm.CrmUser user, string named) => CallerIds.Same(user, named);

    private static async Task<IResult> ControlAsync(RecordingControlRequest? request, ClaimsPrincipal principal, CallCaller caller, Func<Guid, Task<ControlOutcome>> control, CancellationToken cancellationToken)
    {
        var lookup = await caller.ResolveAsync(principal, cancellationToken).ConfigureAwait(false);
        if (lookup is not CallerLookup.Found { User: var user })
        {
            return CallHttp.Problem(lookup);
        }

        // The body may name the rep (older dialers); it must then be the caller.
        if (request?.RepUserId is { Length: > 0 } named && !IsUser(user, named))
        {
            return Results.Problem(statusCode: 403, detail: "repUserId must be your own CRM user.");
        }

        return CallHttp.Answer(await control(user.Key).ConfigureAwait(false));
    }
}

/// <summary>Whether an id named in a request is the caller's own (a GUID in Dynamics; 15 or 18 characters in Salesforce).</summary>
file static class CallerIds
{
    public static bool Same(Crm.CrmUser user, string named) => user.Crm == Crm.CrmRecordRef.Salesforce
        ? CrmRecording.Salesforce.SalesforceId.TryParse(named, out var sf) && sf.Value == user.Id
        : Guid.TryParse(named, out var id) && id == user.Key;
}

/// <summary>Body of the recording control requests; the rep is the caller (a named rep must be the caller).</summary>
internal sealed record RecordingControlRequest(string? RepUserId, string? Attestation);
