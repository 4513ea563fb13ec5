using System.Text;
using System.Text.Encodings.Web;

namespace CrmRecording.Service.Pages;

/// <summary>
/// A page from <c>wwwroot</c> whose <c>{{name}}</c> placeholders are filled with HTML-encoded values checked by the
/// server (an allowed org's origin, never raw request text), served with the page security headers. Pages are plain
/// HTML with ES modules: whatever else is dynamic comes from the API with the signed-in user's token. Where a page
/// says <c>{{style-nonce}}</c> (a meta tag its scripts read), each response gets a fresh nonce that the CSP admits
/// for style elements a library adds at run time.
/// </summary>
internal sealed class HtmlTemplateResult(string path, IReadOnlyDictionary<string, string>? values = null, int status = StatusCodes.Status200OK) : IResult
{
    private const string NoncePlaceholder = "{{style-nonce}}";

    public IEnumerable<string>? ScriptOrigins { get; init; }

    public IEnumerable<string>? ConnectOrigins { get; init; }

    public IEnumerable<string>? FrameOrigins { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var file = httpContext.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            throw new FileNotFoundException($"The page {path} is missing from wwwroot: the build did not copy it.", path);
        }

        string text;
        await using (var stream = file.CreateReadStream())
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            text = text.Replace("{{" + name + "}}", HtmlEncoder.Default.Encode(value), StringComparison.Ordinal);
        }

        string? nonce = null;
        if (text.Contains(NoncePlaceholder, StringComparison.Ordinal))
        {
            nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
            text = text.Replace(NoncePlaceholder, nonce, StringComparison.Ordinal);
        }

        var body = Encoding.UTF8.GetBytes(text);
        httpContext.RequestServices.GetRequiredService<PagePolicy>().Apply(httpContext.Response, ScriptOrigins, ConnectOrigins, nonce, FrameOrigins);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
