using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Calls.Live;

/// <summary>
/// <c>GET /api/calls/{id}/events</c>: the call's state as server-sent events, one <c>state</c> event per stored
/// change (the event id is the call's version), a comment as heartbeat, and the end of the stream after the final
/// state. A reconnect (with <c>Last-Event-ID</c> or without) starts with the current state, so nothing is missed.
/// </summary>
internal static class CallEventStream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> StreamAsync(
        string id,
        ClaimsPrincipal principal,
        HttpContext context,
        CallCaller caller,
        ICallStore calls,
        CallChangeFeed feed,
        IOptions<CallFlowOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var lookup = await caller.ResolveAsync(principal, cancellationToken).ConfigureAwait(false);
        if (lookup is not CallerLookup.Found { User: var user })
        {
            return CallHttp.Problem(lookup);
        }

        // Watch before the first read: a change committed in between is then seen, never lost.
        using var subscription = feed.Watch(id);
        if (await calls.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } call)
        {
            return Results.Problem(statusCode: 404, detail: $"No call {id}.");
        }

        if (!await caller.MaySeeAsync(user, call, cancellationToken).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: 403, detail: "Only the call's rep, the rep's manager and recording reviewers can follow a call.");
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        // Proxies that buffer (nginx) must pass each event on at once.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.WriteAsync("retry: 2000\n\n", cancellationToken).ConfigureAwait(false);

        try
        {
            await PushAsync(response, subscription, CallStateView.From(call), TimeSpan.FromSeconds(options.Value.EventsHeartbeatSeconds), time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The dialer went away (closed, navigated, reconnecting): nothing to answer.
        }

        return Results.Empty;
    }

    /// <summary>Writes the current state, then each newer one, until the final state.</summary>
    private static async Task PushAsync(HttpResponse response, CallChangeFeed.Subscription subscription, CallStateView current, TimeSpan heartbeat, TimeProvider time, CancellationToken cancellationToken)
    {
        var last = -1L;
        while (true)
        {
            if (current.Version > last)
            {
                await WriteStateAsync(response, current, cancellationToken).ConfigureAwait(false);
                last = current.Version;
            }

            if (current.Final)
            {
                return;
            }

            using var beat = new CancellationTokenSource(heartbeat, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(beat.Token, cancellationToken);
            try
            {
                var next = await subscription.Changes.ReadAsync(wait.Token).ConfigureAwait(false);
                while (subscription.Changes.TryRead(out var newer))
                {
                    next = newer.Version >= next.Version ? newer : next;
                }

                if (next.Version > last)
                {
                    current = CallStateView.From(next);
                }
            }
            catch (OperationCanceledException) when (beat.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteStateAsync(HttpResponse response, CallStateView state, CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .Append("id: ").Append(state.Version.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: state\n")
            .Append("data: ").Append(JsonSerializer.Serialize(state, Json)).Append("\n\n")
            .ToString();
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
