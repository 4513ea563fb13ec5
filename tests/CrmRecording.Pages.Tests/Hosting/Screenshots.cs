using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>
/// Screenshots for the documentation: written to the folder named by <c>CRMREC_SCREENSHOTS</c> (the repository's
/// <c>docs/screenshots</c> when refreshing them), and not at all otherwise, so test runs leave the tree as it was.
/// </summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CRMREC_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }
}
