using System.Text;
using System.Text.Json;
using CrmRecording.Dataverse.Webhooks;
using CrmRecording.Plugins;
using CrmRecording.Plugins.Registration;
using CrmRecording.Plugins.Steps;
using CrmRecording.Service.Options;
using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Webhooks;

/// <summary>
/// <c>POST /webhooks/dataverse</c>: authenticates Dataverse by its webhook key, reads the RemoteExecutionContext,
/// runs synchronous steps at once (a refusal is a 400 carrying the user-facing reason, which cancels the
/// user's operation) and queues asynchronous ones in the durable outbox (202; a repeated delivery is a no-op).
/// </summary>
internal static partial class DataverseWebhookEndpoint
{
    private static readonly TimeSpan SyncBudget = TimeSpan.FromSeconds(50);

    public static IEndpointRouteBuilder MapDataverseWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/dataverse", HandleAsync)
            .WithTags("dataverse")
            .WithSummary("Dataverse webhook step (RemoteExecutionContext JSON).")
            .Produces<WebhookAnswer>(StatusCodes.Status200OK)
            .Produces<WebhookAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    internal static async Task<IResult> HandleAsync(
        HttpRequest request,
        WebhookSecret secret,
        IOptions<DataverseOptions> options,
        StepDispatcher dispatcher,
        IOutbox outbox,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger("CrmRecording.Service.Webhooks.Dataverse");
        // The header first: it stays out of URLs and logs. An empty value in either place counts as not presented.
        var header = request.Headers[options.Value.WebhookHeaderName].ToString();
        var presented = header.Length > 0 ? header : request.Query["code"].ToString();
        if (!secret.Matches(string.IsNullOrEmpty(presented) ? null : presented))
        {
            Rejected(log, string.IsNullOrEmpty(presented) ? "missing" : "wrong");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Webhook key missing or wrong", detail: "Send the service endpoint's key in the configured header (or as ?code=).");
        }

        var max = options.Value.MaxBodyBytes;
        if (request.ContentLength > max)
        {
            return TooLarge(max);
        }

        var body = await BoundedBody.ReadAsync(request.Body, max, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge(max);
        }

        var sizeExceeded = request.Headers.ContainsKey("x-ms-dynamics-msg-size-exceeded");
        var read = RemoteExecutionContextReader.Read(body, sizeExceeded);
        if (!read.IsValid)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Dataverse execution context", detail: read.Error);
        }

        var context = StepContextMapper.Map(read.Context, time.GetUtcNow());
        if (dispatcher.Find(context) is not { } route)
        {
            Ignored(log, context.Message, context.Table, (int)context.Stage);
            return TypedResults.Ok(new WebhookAnswer("ignored", $"no step handles {context.Message} of {context.Table} at stage {(int)context.Stage}"));
        }

        if (context.Mode == StepMode.Synchronous)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(SyncBudget);
            var outcome = await route.Step.ExecuteAsync(context, budget.Token).ConfigureAwait(false);
            StepRan(log, route.Registration.Name, outcome.GetType().Name);
            return outcome switch
            {
                StepOutcome.Rejected r => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused by the recording rules", detail: r.UserMessage),
                StepOutcome.Done d => TypedResults.Ok(new WebhookAnswer("done", d.Summary)),
                StepOutcome.Skipped s => TypedResults.Ok(new WebhookAnswer("skipped", s.Reason)),
                _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
            };
        }

        var payload = JsonSerializer.Serialize(new DataverseStepJob(route.Registration.Name, Encoding.UTF8.GetString(body), sizeExceeded), WebhookJson.Default.DataverseStepJob);
        var now = time.GetUtcNow();
        bool queued;
        try
        {
            // Enrichment goes to its batch lane; every other asynchronous step runs on its own.
            var kind = ContactEnrichmentStep.Declared.Any(r => r.Name == route.Registration.Name) ? DataverseStepJob.EnrichKind : DataverseStepJob.Kind;
            queued = await outbox.EnqueueAsync(new OutboxJob(Guid.NewGuid().ToString("N"), kind, $"{route.Registration.Name}:{context.RequestId}", payload, now, 0, now), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored means not acknowledged: 503 is the status Dataverse retries a webhook on.
            StoreFailed(log, ex.GetType().Name);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Could not queue the step", detail: "The outbox store is unavailable; Dataverse will retry the delivery.");
        }

        return queued
            ? TypedResults.Accepted((string?)null, new WebhookAnswer("queued", route.Registration.Name))
            : TypedResults.Ok(new WebhookAnswer("duplicate", $"delivery {context.RequestId} was already received"));
    }

    private static IResult TooLarge(int max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook body too large", detail: $"The body exceeds {max} bytes (Dataverse:MaxBodyBytes).");

    [LoggerMessage(Level = LogLevel.Error, Message = "Dataverse webhook not queued: the outbox store failed ({Error})")]
    private static partial void StoreFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataverse webhook refused: key {State}")]
    private static partial void Rejected(ILogger logger, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataverse webhook ignored: no step for {Message} of {Table} at stage {Stage}")]
    private static partial void Ignored(ILogger logger, string message, string table, int stage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Step {Step} ran synchronously: {Outcome}")]
    private static partial void StepRan(ILogger logger, string step, string outcome);
}

/// <summary>What the webhook answers on success.</summary>
internal sealed record WebhookAnswer(string Status, string? Detail);
