using CrmRecording.Service.Calls;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmRecording.Service.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: its stores answer too; <c>degraded</c> (still 200,
/// the instance can serve) when background jobs were given up on or recordings were lost, with how many.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthReport("live", null)));
        group.MapGet("/ready", Ready);
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(IMetadataStore metadata, IOutbox outbox, ICallStore calls, StoreHealth stores, CancellationToken cancellationToken)
    {
        try
        {
            // A real read of every SQLite store: a damaged file must not answer ready while every read fails.
            if ((await stores.DamagedAsync(cancellationToken).ConfigureAwait(false)) is { Count: > 0 } damaged)
            {
                return TypedResults.Json(new HealthReport("not-ready", "damaged store: " + string.Join(", ", damaged.Select(d => d.Name)) + " (restore from backup; crmrec doctor checks it)"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var version = await metadata.SchemaVersionAsync(cancellationToken).ConfigureAwait(false);
            var dead = await outbox.DeadCountAsync(cancellationToken).ConfigureAwait(false);
            var lost = await calls.CountLostRecordingsAsync(cancellationToken).ConfigureAwait(false);
            var problems = new List<string>();
            if (dead > 0)
            {
                problems.Add($"{dead} dead outbox job(s) (crmrec outbox list --dead, crmrec outbox retry ID)");
            }

            if (lost > 0)
            {
                problems.Add($"{lost} recording(s) lost: Twilio no longer had them and the vault never stored them (each call and the audit trail say why)");
            }

            var detail = string.Join("; ", [$"metadata schema {version}", .. problems]);
            return TypedResults.Ok(new HealthReport(problems.Count == 0 ? "ready" : "degraded", detail, dead, lost));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure to reach the store means not ready; the detail names the type, never connection strings.
            return TypedResults.Json(new HealthReport("not-ready", $"metadata store unreachable ({ex.GetType().Name})"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <param name="DeadJobs">Outbox jobs given up on, waiting for an operator.</param>
    /// <param name="LostRecordings">Recordings that ended lost.</param>
    internal sealed record HealthReport(string Status, string? Detail, int? DeadJobs = null, int? LostRecordings = null);
}
