using Microsoft.Extensions.FileProviders;

namespace CrmRecording.Service.Pages;

/// <summary>
/// A static HTML page from <c>wwwroot</c> with the page security headers (<see cref="PagePolicy"/>). Pages are plain
/// HTML with ES modules: whatever is dynamic comes from the API with the signed-in user's token.
/// </summary>
public sealed class HtmlPageResult(string path, IEnumerable<string>? scriptOrigins = null, IEnumerable<string>? connectOrigins = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var files = httpContext.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            throw new FileNotFoundException($"The page {path} is missing from wwwroot: the build did not copy it.", path);
        }

        httpContext.RequestServices.GetRequiredService<PagePolicy>().Apply(httpContext.Response, scriptOrigins, connectOrigins);
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        httpContext.Response.ContentLength = file.Length;
        await using var stream = file.CreateReadStream();
        await stream.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
