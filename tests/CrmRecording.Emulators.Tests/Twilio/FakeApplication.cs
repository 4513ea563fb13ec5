using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>
/// The application Twilio calls, as a transport: answers each webhook path with the TwiML (or status) the test
/// registered and records what arrived (URL, headers, decoded form). Unregistered paths answer an empty response.
/// </summary>
internal sealed class FakeApplication : HttpMessageHandler
{
    public const string Origin = "https://app.example.com";

    private readonly ConcurrentDictionary<string, Func<ReceivedRequest, CancellationToken, Task<HttpResponseMessage>>> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    public IReadOnlyList<ReceivedRequest> Received => received.ToArray();

    public static string Url(string path) => Origin + path;

    public void Twiml(string path, string twiml) => routes[path] = (_, _) => Task.FromResult(Xml(twiml));

    public void Answer(string path, Func<ReceivedRequest, HttpResponseMessage> answer) => routes[path] = (request, _) => Task.FromResult(answer(request));

    /// <summary>Answers after <paramref name="delay"/>, or not at all if the caller gives up first.</summary>
    public void AnswerLate(string path, TimeSpan delay, string twiml) => routes[path] = async (_, cancellationToken) =>
    {
        await Task.Delay(delay, cancellationToken);
        return Xml(twiml);
    };

    public IReadOnlyList<ReceivedRequest> To(string path) => Received.Where(r => r.Url.AbsolutePath == path).ToArray();

    public static HttpResponseMessage Xml(string twiml) =>
        new(HttpStatusCode.OK) { Content = new StringContent(twiml, Encoding.UTF8, "application/xml") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(" ", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Decode(p[0]), p.Length > 1 ? Decode(p[1]) : string.Empty))
            .ToArray();
        var webhook = new ReceivedRequest(request.Method.Method, request.RequestUri!, headers, form);
        received.Enqueue(webhook);
        return routes.TryGetValue(request.RequestUri!.AbsolutePath, out var answer)
            ? await answer(webhook, cancellationToken)
            : Xml("<Response/>");
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}

internal sealed record ReceivedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public string? this[string name] => Form.FirstOrDefault(p => p.Key == name).Value;

    public bool Has(string name) => Form.Any(p => p.Key == name);
}
