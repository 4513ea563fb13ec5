using CrmRecording.Vault.Outbox;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Telemetry;

/// <summary>Reads the outbox's depth per kind every <see cref="TelemetryOptions.OutboxSampleSeconds"/> into the snapshot the gauges report.</summary>
internal sealed partial class OutboxDepthSampler(IOutbox outbox, OutboxDepthSnapshot snapshot, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<OutboxDepthSampler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.OutboxSampleSeconds), time);
        do
        {
            await SampleAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    internal async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            snapshot.Update(await outbox.DepthByKindAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any store failure (not migrated yet, down): the gauges keep the last sample, readiness reports the store.
            SampleFailed(log, ex.GetType().Name);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox depth not sampled ({Error}); the gauges keep the last sample")]
    private static partial void SampleFailed(ILogger logger, string error);
}
