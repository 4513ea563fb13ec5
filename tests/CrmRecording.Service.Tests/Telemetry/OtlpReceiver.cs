using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>An OTLP/HTTP receiver on loopback: keeps each POST to <c>/v1/{signal}</c> (its content type and protobuf body) and signals it.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Export>> _first = new(StringComparer.Ordinal);

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<Export> Exports { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var export = new Export(signal, request.ContentType ?? string.Empty, body.ToArray());
            receiver.Exports.Enqueue(export);
            receiver.First(signal).TrySetResult(export);
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        receiver.BaseAddress = new Uri(receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return receiver;
    }

    /// <summary>The first export of <paramref name="signal"/> (traces, metrics), as it arrives.</summary>
    public Task<Export> FirstAsync(string signal) => First(signal).Task.WaitAsync(TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private TaskCompletionSource<Export> First(string signal) => _first.GetOrAdd(signal, _ => new TaskCompletionSource<Export>(TaskCreationOptions.RunContinuationsAsynchronously));

    public sealed record Export(string Signal, string ContentType, byte[] Body)
    {
        /// <summary>Protobuf keeps strings as UTF-8 bytes: a name in the export is found as it is.</summary>
        public bool Carries(string text) => System.Text.Encoding.UTF8.GetString(Body).Contains(text, StringComparison.Ordinal);
    }
}
