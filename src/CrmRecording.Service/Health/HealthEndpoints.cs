using CrmRecording.Vault.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmRecording.Service.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: its stores answer too.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthReport("live", null)));
        group.MapGet("/ready", Ready);
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(IMetadataStore metadata, StoreHealth stores, CancellationToken cancellationToken)
    {
        try
        {
            // A real read of every SQLite store: a damaged file must not answer ready while every read fails.
            if ((await stores.DamagedAsync(cancellationToken).ConfigureAwait(false)) is { Count: > 0 } damaged)
            {
                return TypedResults.Json(new HealthReport("not-ready", "damaged store: " + string.Join(", ", damaged.Select(d => d.Name)) + " (restore from backup; crmrec doctor checks it)"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var version = await metadata.SchemaVersionAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new HealthReport("ready", $"metadata schema {version}"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure to reach the store means not ready; the detail names the type, never connection strings.
            return TypedResults.Json(new HealthReport("not-ready", $"metadata store unreachable ({ex.GetType().Name})"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    internal sealed record HealthReport(string Status, string? Detail);
}
