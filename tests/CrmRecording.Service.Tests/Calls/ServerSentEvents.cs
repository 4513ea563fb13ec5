using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmRecording.Service.Tests.Calls;

/// <summary>Reads a <c>text/event-stream</c> response event by event (comments included, as the heartbeat is one).</summary>
internal sealed class ServerSentEvents(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    public static async Task<ServerSentEvents> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new ServerSentEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    /// <summary>The next event or comment block, or null when the server ended the stream.</summary>
    public async Task<SentEvent?> NextAsync(int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return lines.Count == 0 ? null : SentEvent.Parse(lines);
            }

            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return SentEvent.Parse(lines);
                }

                continue;
            }

            lines.Add(line);
        }
    }

    /// <summary>The next <c>state</c> event's data, skipping comments and the retry hint; null at the end of the stream.</summary>
    public async Task<(string Id, JsonElement State)?> NextStateAsync(int seconds = 30)
    {
        while (await NextAsync(seconds) is { } sent)
        {
            if (sent.Event == "state")
            {
                return (sent.Id!, JsonDocument.Parse(sent.Data).RootElement);
            }
        }

        return null;
    }

    public void Dispose()
    {
        reader.Dispose();
        Response.Dispose();
    }
}

/// <summary>One block of the stream: an event (id, name, data) or only comments.</summary>
internal sealed record SentEvent(string? Id, string? Event, string Data, IReadOnlyList<string> Comments)
{
    public static SentEvent Parse(IReadOnlyList<string> lines)
    {
        string? id = null;
        string? name = null;
        var data = new List<string>();
        var comments = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith(':'))
            {
                comments.Add(line[1..].Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }

        return new SentEvent(id, name, string.Join('\n', data), comments);
    }
}
