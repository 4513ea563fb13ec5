using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Emulators.Hosting;

/// <summary>
/// The web server of every stand-in: bare Kestrel on 127.0.0.1 only (never another interface), every request
/// answered by one handler, on the ports asked for (0: a free one), each listening address returned as a base URI.
/// </summary>
internal static class LoopbackHost
{
    public static async Task<(WebApplication App, IReadOnlyList<Uri> BaseAddresses)> StartAsync(
        RequestDelegate handler, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            foreach (var port in ports)
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/"))
            .ToList();
        return (app, addresses);
    }

    /// <summary>Stops and disposes a stand-in's server, if it was started.</summary>
    public static async Task StopAsync(WebApplication? app)
    {
        if (app is not null)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
