using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>
/// Where the page's main thread spent one load, from a Chromium trace (the Performance panel's timeline): each trace
/// event's self time (its duration less its children's), summed by name, and the tasks longer than 50 ms.
/// </summary>
internal static class ChromiumTrace
{
    public static readonly string[] Categories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "blink", "loading"];

    /// <summary>Records Chromium's trace (over the DevTools protocol, as the Performance panel does) while <paramref name="action"/> runs.</summary>
    public static async Task<List<JsonElement>> RecordAsync(IPage page, Func<Task> action)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        var events = new List<JsonElement>();
        var complete = new TaskCompletionSource();
        session.Event("Tracing.dataCollected").OnEvent += (_, e) =>
        {
            lock (events)
            {
                events.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(v => v.Clone()));
            }
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await session.SendAsync("Tracing.start", new() { ["categories"] = string.Join(",", Categories), ["transferMode"] = "ReportEvents" });
        await action();
        await session.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await session.DetachAsync();
        return events;
    }

    public static string Summarize(List<JsonElement> events, int top = 10)
    {
        // The renderer's main thread of the page: the CrRendererMain thread with the most timed events.
        var mains = events
            .Where(e => Text(e, "ph") == "M" && Text(e, "name") == "thread_name" && e.GetProperty("args").GetProperty("name").GetString() == "CrRendererMain")
            .Select(e => (Pid: e.GetProperty("pid").GetInt64(), Tid: e.GetProperty("tid").GetInt64()))
            .ToHashSet();
        var timed = events
            .Where(e => Text(e, "ph") == "X" && e.TryGetProperty("dur", out _))
            .Select(e => (Thread: (Pid: e.GetProperty("pid").GetInt64(), Tid: e.GetProperty("tid").GetInt64()), Name: Text(e, "name")!, Ts: e.GetProperty("ts").GetDouble(), Dur: e.GetProperty("dur").GetDouble()))
            .Where(e => mains.Contains(e.Thread))
            .ToList();
        var main = timed.GroupBy(e => e.Thread).MaxBy(g => g.Count());
        if (main is null)
        {
            return "no renderer main thread in the trace";
        }

        var self = new Dictionary<string, double>(StringComparer.Ordinal);
        var stack = new Stack<(string Name, double End)>();
        foreach (var e in main.OrderBy(e => e.Ts).ThenByDescending(e => e.Dur))
        {
            while (stack.Count > 0 && stack.Peek().End <= e.Ts)
            {
                stack.Pop();
            }

            if (stack.Count > 0)
            {
                self[stack.Peek().Name] = self.GetValueOrDefault(stack.Peek().Name) - e.Dur;
            }

            self[e.Name] = self.GetValueOrDefault(e.Name) + e.Dur;
            stack.Push((e.Name, e.Ts + e.Dur));
        }

        var tasks = main.Where(e => e.Name.EndsWith("RunTask", StringComparison.Ordinal)).Select(e => e.Dur / 1000).ToList();
        var longTasks = tasks.Where(d => d > 50).ToList();
        var names = self.Where(p => p.Value > 0).OrderByDescending(p => p.Value).Take(top)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value / 1000:F0} ms"));
        return string.Create(CultureInfo.InvariantCulture,
            $"main thread busy {tasks.Sum():F0} ms in {tasks.Count} tasks, {longTasks.Count} longer than 50 ms (longest {(longTasks.Count > 0 ? longTasks.Max() : 0):F0} ms); self time by trace event: {string.Join(", ", names)}");
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
