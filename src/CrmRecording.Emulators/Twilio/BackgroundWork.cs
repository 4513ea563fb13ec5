namespace CrmRecording.Emulators.Twilio;

/// <summary>
/// The calls and callbacks the stand-in runs after answering the request that started them. Stopping cancels
/// them and waits until they are gone, so nothing calls the application after the stand-in is disposed.
/// </summary>
internal sealed class BackgroundWork : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<Task> running = [];

    public CancellationToken Stopping => stopping.Token;

    public void Run(Func<Task> work)
    {
        var task = Task.Run(work, CancellationToken.None);
        lock (gate)
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(task);
        }
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] tasks;
        lock (gate)
        {
            tasks = running.ToArray();
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Work ends by cancellation when the stand-in stops.
        }
    }

    public void Dispose() => stopping.Dispose();
}
