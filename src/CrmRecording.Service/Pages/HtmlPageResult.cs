using System.Security.Cryptography;
using System.Text;

namespace CrmRecording.Service.Pages;

/// <summary>
/// A static HTML page from <c>wwwroot</c> with the page security headers (<see cref="PagePolicy"/>). Pages are plain
/// HTML with ES modules: whatever is dynamic comes from the API with the signed-in user's token. Each response gets
/// a fresh style nonce, written where the page says <c>{{style-nonce}}</c> (a meta tag its scripts read).
/// </summary>
public sealed class HtmlPageResult(string path, IEnumerable<string>? scriptOrigins = null, IEnumerable<string>? connectOrigins = null, int statusCode = StatusCodes.Status200OK) : IResult
{
    private const string NoncePlaceholder = "{{style-nonce}}";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var files = httpContext.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            throw new FileNotFoundException($"The page {path} is missing from wwwroot: the build did not copy it.", path);
        }

        string html;
        await using (var stream = file.CreateReadStream())
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            html = await reader.ReadToEndAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }

        string? nonce = null;
        if (html.Contains(NoncePlaceholder, StringComparison.Ordinal))
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            html = html.Replace(NoncePlaceholder, nonce, StringComparison.Ordinal);
        }

        httpContext.RequestServices.GetRequiredService<PagePolicy>().Apply(httpContext.Response, scriptOrigins, connectOrigins, nonce);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(html, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
