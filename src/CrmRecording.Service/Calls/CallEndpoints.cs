namespace CrmRecording.Service.Calls;

/// <summary>The dialer's API: place a call, see it, start (after a verbal disclosure), pause and resume its recording.</summary>
internal static class CallEndpoints
{
    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("calls").DisableAntiforgery();
        calls.MapPost("/", PlaceAsync).WithSummary("Click to dial: decides whether and how the call may be recorded, places it and creates the phone call activity.")
            .Produces<PlaceCallResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        calls.MapGet("/{id}", GetAsync).WithSummary("The call's state, consent events, paused spans and recordings.");
        calls.MapPost("/{id}/recording/start", StartAsync).WithSummary("The rep starts recording after a verbal disclosure, with their attestation (listed for audit).");
        calls.MapPost("/{id}/recording/pause", PauseAsync).WithSummary("PCI: stop capturing while payment details are given.");
        calls.MapPost("/{id}/recording/resume", ResumeAsync).WithSummary("Resume recording after a PCI pause.");
        calls.MapGet("/manual-starts", ManualStartsAsync).WithSummary("Calls whose recording a rep started by hand, newest first, for compliance review.");
        return app;
    }

    internal static async Task<IResult> PlaceAsync(PlaceCallRequest? request, CallFlow flow, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Results.Problem(statusCode: 400, detail: "Send a JSON body: { crm, entity, id, phoneField?, repUserId }.");
        }

        var (status, problem, call) = await flow.PlaceAsync(request, cancellationToken).ConfigureAwait(false);
        return call is null ? Results.Problem(statusCode: status, detail: problem) : Results.Created($"/api/calls/{call.CallId}", call);
    }

    internal static async Task<IResult> GetAsync(string id, ICallStore calls, CancellationToken cancellationToken) =>
        await calls.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } call
            ? Results.Ok(call)
            : Results.Problem(statusCode: 404, detail: $"No call {id}.");

    internal static async Task<IResult> StartAsync(string id, RecordingControlRequest? request, CallFlow flow, CancellationToken cancellationToken) =>
        Answer(request?.Rep() is { } rep
            ? await flow.StartManualAsync(id, rep, request.Attestation, cancellationToken).ConfigureAwait(false)
            : RecordingControlRequest.Missing);

    internal static async Task<IResult> PauseAsync(string id, RecordingControlRequest? request, CallFlow flow, CancellationToken cancellationToken) =>
        Answer(request?.Rep() is { } rep ? await flow.PauseAsync(id, rep, cancellationToken).ConfigureAwait(false) : RecordingControlRequest.Missing);

    internal static async Task<IResult> ResumeAsync(string id, RecordingControlRequest? request, CallFlow flow, CancellationToken cancellationToken) =>
        Answer(request?.Rep() is { } rep ? await flow.ResumeAsync(id, rep, cancellationToken).ConfigureAwait(false) : RecordingControlRequest.Missing);

    internal static async Task<IResult> ManualStartsAsync(ICallStore calls, CancellationToken cancellationToken, int max = 100) =>
        Results.Ok((await calls.ListManualStartsAsync(Math.Clamp(max, 1, 1000), cancellationToken).ConfigureAwait(false))
            .Select(c => new { callId = c.Id, c.RepUserId, c.ManualStart, c.Decision, c.PhoneCallId, c.CustomerTable, c.CustomerId }));

    private static IResult Answer(CallFlow.ControlResult result) =>
        result.Problem is null ? Results.Ok(result.Call) : Results.Problem(statusCode: result.Status, detail: result.Problem);
}

/// <summary>Body of the recording control requests.</summary>
internal sealed record RecordingControlRequest(string? RepUserId, string? Attestation)
{
    public static CallFlow.ControlResult Missing { get; } = new(400, "repUserId (the rep's systemuserid) is required.", null);

    public Guid? Rep() => Guid.TryParse(RepUserId, out var id) ? id : null;
}
