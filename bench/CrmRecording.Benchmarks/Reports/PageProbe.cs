using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>
/// What one load of the report page took, read in the page itself: the moment the status says "Report for …" (the
/// figures, tables and charts are in the document by then: the page sets it last), the next frame after it (painted), the
/// charts' painted pixels, and the report request's Resource Timing. Milliseconds from the navigation's start.
/// </summary>
internal sealed record PageProbe(
    [property: JsonPropertyName("statusAt")] double StatusAt,
    [property: JsonPropertyName("paintedAt")] double PaintedAt,
    [property: JsonPropertyName("pixels")] int[] Pixels,
    [property: JsonPropertyName("apiStart")] double ApiStart,
    [property: JsonPropertyName("requestStart")] double RequestStart,
    [property: JsonPropertyName("responseStart")] double ResponseStart,
    [property: JsonPropertyName("responseEnd")] double ResponseEnd,
    [property: JsonPropertyName("encodedBytes")] long EncodedBytes,
    [property: JsonPropertyName("decodedBytes")] long DecodedBytes,
    [property: JsonPropertyName("elements")] int Elements,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("tables")] string[] Tables)
{
    /// <summary>Installed before any of the page's scripts: watches the status line from the document's creation.</summary>
    public const string InitScript = """
        (() => {
          const bench = window.__reportBench = { done: false };
          const observer = new MutationObserver(() => {
            const status = document.getElementById("status");
            if (bench.statusAt || !status || !status.textContent.startsWith("Report for")) return;
            bench.statusAt = performance.now();
            observer.disconnect();
            // The frame with the report is painted before a message posted from its animation-frame callback arrives.
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => { bench.paintedAt = performance.now(); bench.done = true; };
              channel.port2.postMessage(null);
            });
          });
          observer.observe(document, { subtree: true, childList: true, characterData: true });
        })();
        """;

    private const string Read = """
        () => {
          const bench = window.__reportBench;
          const api = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/reports/compliance")).pop();
          const pixels = [...document.querySelectorAll("canvas[data-chart]")].map((c) => {
            const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n;
          });
          return { statusAt: bench.statusAt, paintedAt: bench.paintedAt, pixels, apiStart: api.startTime, requestStart: api.requestStart,
            responseStart: api.responseStart, responseEnd: api.responseEnd, encodedBytes: api.encodedBodySize, decodedBytes: api.decodedBodySize,
            elements: document.getElementsByTagName("*").length, rows: document.querySelectorAll("#report tr").length,
            tables: [...document.querySelectorAll("#report table")].map((t) => `${t.closest("section[id]")?.id ?? "?"}/${t.id || t.caption?.textContent?.trim() || "table"}: ${t.querySelectorAll("tbody tr").length}`) };
        }
        """;

    /// <summary>Waits (generously: a loaded machine) until the report is painted, then reads the timings.</summary>
    public static async Task<PageProbe> WaitAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__reportBench && window.__reportBench.done", null, new() { Timeout = 180_000, PollingInterval = 100 });
        var probe = (await page.EvaluateAsync<JsonElement>(Read)).Deserialize<PageProbe>()!;
        if (probe.Pixels.Length == 0 || probe.Pixels.Any(p => p == 0))
        {
            throw new InvalidOperationException($"The page said the report was loaded with charts unpainted (painted pixels per chart: {string.Join(", ", probe.Pixels)}).");
        }

        return probe;
    }

    /// <summary>How long this browser takes to parse <paramref name="json"/> alone (the first step of the render), in milliseconds.</summary>
    public static Task<double> ParseAsync(IPage page, string json) =>
        page.EvaluateAsync<double>("(text) => { const start = performance.now(); JSON.parse(text); return performance.now() - start; }", json);

    /// <summary>The report request, from its start to the last byte.</summary>
    public double Api => ResponseEnd - ApiStart;

    /// <summary>From the request's sending to its first byte: the service's time (on loopback).</summary>
    public double Server => ResponseStart - RequestStart;

    /// <summary>After the last byte: parsing the JSON, building the document, drawing the charts, the layout and the paint.</summary>
    public double Render => PaintedAt - ResponseEnd;
}
