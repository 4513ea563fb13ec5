using CrmRecording.Service;

var app = ServiceHost.Build(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
