using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>The API's problem answers as the page received them.</summary>
internal static class ProblemAnswer
{
    /// <summary>The <c>detail</c> of a problem answer the page received, which the page is to show as it is.</summary>
    public static async Task<string> DetailAsync(IResponse response)
    {
        var problem = await response.JsonAsync();
        var detail = problem?.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrEmpty(detail), "the problem answer has a detail");
        return detail!;
    }
}
