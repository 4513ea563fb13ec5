using System.CommandLine;
using System.Net;
using CrmRecording.Cli.Dataverse;
using CrmRecording.Cli.Tests.Solution;
using CrmRecording.Emulators.Dataverse;

namespace CrmRecording.Cli.Tests.Dataverse;

/// <summary>A started Dataverse stand-in, and <c>crmrec dataverse register</c> run in-process against it with the repository's pac.config.</summary>
internal sealed class RegisterRun : IAsyncDisposable
{
    private RegisterRun(DataverseStandIn standIn, AcceptingWebhooks webhooks)
    {
        StandIn = standIn;
        Webhooks = webhooks;
    }

    public DataverseStandIn StandIn { get; }

    /// <summary>Where the stand-in's webhook calls go instead of the network; every call is answered 200.</summary>
    public AcceptingWebhooks Webhooks { get; }

    public static async Task<RegisterRun> StartAsync()
    {
        var webhooks = new AcceptingWebhooks();
        var standIn = new DataverseStandIn(new DataverseStandInOptions { WebhookHandler = webhooks });
        await standIn.StartAsync();
        return new RegisterRun(standIn, webhooks);
    }

    /// <summary>Runs <c>dataverse register</c> with the stand-in as --environment and its bearer token unless <paramref name="token"/> is given.</summary>
    public async Task<Crmrec.Result> RegisterAsync(string? token = null, params string[] options)
    {
        var environment = new Dictionary<string, string> { ["Dataverse__StaticAccessToken"] = token ?? StandIn.Options.BearerToken };
        var root = new RootCommand { DataverseCommand.Create(TimeProvider.System, name => environment.GetValueOrDefault(name)) };
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["dataverse", "register", "--environment", StandIn.BaseAddress.AbsoluteUri, "--config", SolutionPackRun.RealConfig, .. options];
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return new Crmrec.Result(exit, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        Webhooks.Dispose();
    }

    internal sealed class AcceptingWebhooks : HttpMessageHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Uri> received = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string?> keys = new();

        public IReadOnlyList<Uri> Received => received.ToArray();

        /// <summary>The <c>x-crr-webhook-key</c> header of each request received (null when absent).</summary>
        public IReadOnlyList<string?> KeyHeaders => keys.ToArray();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            received.Enqueue(request.RequestUri!);
            keys.Enqueue(request.Headers.TryGetValues("x-crr-webhook-key", out var values) ? string.Join(",", values) : null);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
