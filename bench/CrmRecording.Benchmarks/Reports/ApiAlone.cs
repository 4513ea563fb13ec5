using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmRecording.Benchmarks.Reports;

/// <summary>
/// The report API asked without a browser, as the same reviewer (a sandbox token), for the same period and zone as the
/// page: what the page's time would be if drawing it cost nothing.
/// </summary>
internal sealed class ApiAlone(HttpClient http) : IDisposable
{
    /// <summary>Sam Okafor, the sandbox's Recording Reviewer.</summary>
    private const string Reviewer = "5e000000-0000-4000-8000-000000000005";

    public static async Task<ApiAlone> SignInAsync(Uri service)
    {
        var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(3) };
        using var response = await http.PostAsJsonAsync("/sandbox/token", new { userId = Reviewer });
        response.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        return new ApiAlone(http);
    }

    /// <summary>One request, in seconds: to the response's headers, and to its last byte.</summary>
    public async Task<(double FirstByte, double Total)> TimeAsync((string From, string To) period)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"/api/reports/compliance?from={period.From}&to={period.To}&tz=UTC", HttpCompletionOption.ResponseHeadersRead);
        var firstByte = watch.Elapsed.TotalSeconds;
        response.EnsureSuccessStatusCode();
        await response.Content.CopyToAsync(Stream.Null);
        return (firstByte, watch.Elapsed.TotalSeconds);
    }

    public void Dispose() => http.Dispose();
}
