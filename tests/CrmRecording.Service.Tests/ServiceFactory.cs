using CrmRecording.Plugins.Ports;
using CrmRecording.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CrmRecording.Service.Tests;

/// <summary>The real service in-process, with its data under a scratch directory.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("crmrec-service-").FullName;

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>When set, the service's clock (the outbox's backoff, step times) is this one.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Extra service registrations applied last (test seams such as the ingest checkpoint).</summary>
    public Action<IServiceCollection>? Overrides { get; init; }

    /// <summary>When set, the steps talk to this in-memory CRM instead of Dataverse, and no background worker runs (tests drive it).</summary>
    public FakeCrm? Crm { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Service:DataDirectory", _data);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Overrides is { } extra)
        {
            builder.ConfigureTestServices(extra);
        }

        if (Crm is { } crm)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<ICrmRecords>();
                services.RemoveAll<ILineTypeLookup>();
                services.AddSingleton<ICrmRecords>(crm);
                services.AddSingleton<ILineTypeLookup>(crm);
                services.RemoveAll<IHostedService>();
                services.AddHostedService<CrmRecording.Service.MigrationService>();
                if (Time is { } time)
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton(time);
                }
            });
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        // The key file lives beside the data directory, never inside it.
        if (disposing && Directory.Exists(_data + "-keys"))
        {
            Directory.Delete(_data + "-keys", recursive: true);
        }
    }
}
