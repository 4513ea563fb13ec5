using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CrmRecording.Emulators.Tests.Dataverse;

/// <summary>
/// The transport the stand-in's webhook caller sends through, standing in for the service: records each
/// request (URL, headers, body) and answers with the next queued response, then with <see cref="Default"/>.
/// </summary>
internal sealed class WebhookReceiver : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<ReceivedWebhook, Task<HttpResponseMessage>>> answers = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    public Func<ReceivedWebhook, Task<HttpResponseMessage>> Default { get; set; } = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

    public IReadOnlyList<ReceivedWebhook> Received => received.ToArray();

    public void AnswerNext(HttpStatusCode status, string body = "", string contentType = "application/json") =>
        answers.Enqueue(_ => Task.FromResult(Response(status, body, contentType)));

    public void AnswerNext(Func<ReceivedWebhook, Task<HttpResponseMessage>> answer) => answers.Enqueue(answer);

    public static HttpResponseMessage Response(HttpStatusCode status, string body = "", string contentType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var webhook = new ReceivedWebhook(request.Method, request.RequestUri!, headers, body);
        received.Enqueue(webhook);
        var answer = answers.TryDequeue(out var next) ? next : Default;
        return await answer(webhook);
    }
}

internal sealed record ReceivedWebhook(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body);
