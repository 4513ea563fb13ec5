using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>
/// A stand-in for the CRM's web host on an origin of its own (<c>http://127.0.0.2:PORT</c>, a different origin from
/// the service's <c>http://127.0.0.1:PORT</c>), so the service's pages run in a real cross-origin iframe under their
/// real CSP. Tests register the pages it serves (a fake Dynamics form, the org's library) by path.
/// </summary>
internal sealed class FakeCrmHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string ContentType, string Body)> _pages = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private FakeCrmHost(WebApplication app) => _app = app;

    public Uri Origin { get; private set; } = null!;

    /// <summary>Every request the host answered, path and query, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeCrmHost> StartAsync(string address = "127.0.0.2")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:0");
        var app = builder.Build();
        var host = new FakeCrmHost(app);
        app.Run(host.ServeAsync);
        await app.StartAsync();
        host.Origin = new Uri(app.Urls.Single());
        return host;
    }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> from now on.</summary>
    public Uri Serve(string path, string body, string contentType = "text/html; charset=utf-8")
    {
        _pages[path] = (contentType, body);
        return new Uri(Origin, path);
    }

    /// <summary>Serves a file from this project's <c>FakeHosts</c> folder, with <c>{name}</c> placeholders replaced.</summary>
    public Uri ServeFile(string path, string file, IReadOnlyDictionary<string, string>? values = null)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "FakeHosts", file));
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        var type = Path.GetExtension(file) == ".js" ? "text/javascript" : "text/html; charset=utf-8";
        return Serve(path, text, type);
    }

    private async Task ServeAsync(HttpContext context)
    {
        Requests.Enqueue(context.Request.Path + context.Request.QueryString);
        if (!_pages.TryGetValue(context.Request.Path.Value ?? "/", out var page))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = page.ContentType;
        await context.Response.WriteAsync(page.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
