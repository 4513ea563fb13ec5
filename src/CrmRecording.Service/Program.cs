using CrmRecording.Service;
using CrmRecording.Service.Health;

var app = ServiceHost.Build(args);

// A damaged database stops the start with one clear line per file, before anything is served or logged.
var damaged = await app.Services.GetRequiredService<StoreHealth>().DamagedAsync(CancellationToken.None).ConfigureAwait(false);
if (damaged.Count > 0)
{
    foreach (var (_, path, problem) in damaged)
    {
        await Console.Error.WriteLineAsync($"crmrecording-service: {path} is damaged ({problem.TrimEnd('.')}); not starting. Restore it from your latest backup, then run 'crmrec doctor --data {Path.GetDirectoryName(path)}'.").ConfigureAwait(false);
    }

    return 1;
}

if (KeyFileGuard.Problem(app.Services) is { } keyProblem)
{
    await Console.Error.WriteLineAsync($"crmrecording-service: {keyProblem} Not starting.").ConfigureAwait(false);
    return 1;
}

await app.RunAsync().ConfigureAwait(false);
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
