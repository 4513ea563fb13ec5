using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;

namespace CrmRecording.Service.Tests.SignIn;

/// <summary>
/// What a browser does in a sign-in, over plain HTTP: one cookie jar for every origin, redirects followed one hop
/// at a time (so each can be inspected), and forms submitted by the accessible name of their button.
/// </summary>
internal sealed partial class SignInBrowser : IDisposable
{
    public SignInBrowser(Uri service)
    {
        Service = service;
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false });
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public Uri Service { get; }

    /// <summary>Every URL visited, in order.</summary>
    public List<Uri> History { get; } = [];

    public Uri At(string relative) => new(Service, relative);

    /// <summary>GETs <paramref name="url"/> and follows redirects until an answer that is not one.</summary>
    public async Task<Page> GoAsync(Uri url, int maxHops = 10)
    {
        var response = await GetAsync(url);
        for (var hop = 0; IsRedirect(response.StatusCode); hop++)
        {
            Assert.True(hop < maxHops, "too many redirects: " + string.Join(" -> ", History));
            url = new Uri(url, response.Headers.Location!);
            response = await GetAsync(url);
        }

        return new Page(url, response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the page's form with the button whose text (its accessible name) is <paramref name="buttonName"/>, then follows redirects.</summary>
    public async Task<Page> ClickAsync(Page page, string buttonName)
    {
        var form = FormElement().Match(page.Html);
        Assert.True(form.Success, "no form on " + page.Url);
        var fields = HiddenInput().Matches(form.Value).ToDictionary(m => HttpUtility.HtmlDecode(m.Groups[1].Value), m => HttpUtility.HtmlDecode(m.Groups[2].Value));
        var button = Button().Matches(form.Value).SingleOrDefault(m => HttpUtility.HtmlDecode(m.Groups[3].Value).Trim() == buttonName);
        Assert.True(button is not null, $"no button named '{buttonName}' on {page.Url}");
        fields[HttpUtility.HtmlDecode(button.Groups[1].Value)] = HttpUtility.HtmlDecode(button.Groups[2].Value);
        var action = new Uri(page.Url, HttpUtility.HtmlDecode(form.Groups[1].Value));
        History.Add(action);
        var response = await Http.PostAsync(action, new FormUrlEncodedContent(fields));
        return IsRedirect(response.StatusCode)
            ? await GoAsync(new Uri(action, response.Headers.Location!))
            : new Page(action, response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The whole top-level sign-in: <c>/signin?returnUrl=</c>, the provider's picker, back to the service.</summary>
    public async Task<Page> SignInAsync(string fullName, string returnUrl = "/")
    {
        var picker = await GoAsync(At($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        Assert.Equal(HttpStatusCode.OK, picker.Response.StatusCode);
        return await ClickAsync(picker, fullName);
    }

    /// <summary>The popup's sign-in, ending on the page that hands the token to its opener.</summary>
    public async Task<Page> SignInWithPopupAsync(string fullName)
    {
        var picker = await GoAsync(At("/signin/popup"));
        return picker.Url.AbsolutePath == "/signin/popup/complete" ? picker : await ClickAsync(picker, fullName);
    }

    public Cookie? SessionCookie() => Cookies.GetAllCookies().SingleOrDefault(c => c.Name == "crr.session");

    public void Dispose() => Http.Dispose();

    private async Task<HttpResponseMessage> GetAsync(Uri url)
    {
        History.Add(url);
        return await Http.GetAsync(url);
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<button[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"[^>]*>([^<]*)</button>")]
    private static partial Regex Button();
}

/// <summary>Where a navigation ended, and what it showed.</summary>
internal sealed partial record Page(Uri Url, HttpResponseMessage Response, string Html)
{
    /// <summary>The JSON the sign-in's last page hands to its opener (the <c>crr-signin-result</c> data block).</summary>
    public JsonElement SignInMessage()
    {
        var match = ResultBlock().Match(Html);
        Assert.True(match.Success, "no sign-in result on " + Url);
        return JsonDocument.Parse(match.Groups[1].Value).RootElement;
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"crr-signin-result\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ResultBlock();
}
