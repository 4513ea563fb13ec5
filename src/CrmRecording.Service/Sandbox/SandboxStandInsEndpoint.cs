using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// <c>GET /sandbox/stand-ins</c>: where the sandbox's Dataverse and Twilio stand-ins listen (free ports chosen at start),
/// so a walkthrough can reach the CRM stand-in's Web API without reading the log. Sandbox mode only.
/// </summary>
internal static class SandboxStandInsEndpoint
{
    public static IEndpointRouteBuilder MapSandboxStandIns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sandbox/stand-ins", Answer).WithTags("sandbox").WithSummary("Sandbox only: the Dataverse and Twilio stand-ins' addresses.");
        return app;
    }

    internal static Ok<SandboxStandIns> Answer(SandboxDataverse dataverse, IServiceProvider services) =>
        TypedResults.Ok(new SandboxStandIns(dataverse.BaseAddress, services.GetService<SandboxTwilio>()?.StandIn.BaseAddress));

    /// <param name="Dataverse">The Dataverse stand-in's root (its Web API is under <c>api/data/v9.2/</c>, bearer <c>stand-in-access-token</c>).</param>
    /// <param name="Twilio">The Twilio stand-in's root; null when Twilio is remote.</param>
    internal sealed record SandboxStandIns(Uri Dataverse, Uri? Twilio);
}
