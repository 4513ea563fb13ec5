using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>Deque axe over a page or frame: no serious or critical violation may remain.</summary>
internal static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(serious.Length == 0, Describe(serious));
    }

    public static async Task AssertNoSeriousViolationsAsync(ILocator frameRoot)
    {
        var result = await frameRoot.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(serious.Length == 0, Describe(serious));
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        "axe found: " + string.Join(Environment.NewLine, violations.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
}
