using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>Signs a page in as a person would: the page's Sign in button opens the popup, the person picks their name.</summary>
internal static class SignIn
{
    /// <summary>Clicks <paramref name="signInButton"/> (in the page or one of its frames) and picks <paramref name="fullName"/> in the sandbox's sign-in popup.</summary>
    public static async Task ViaPopupAsync(IPage page, ILocator signInButton, string fullName)
    {
        var popup = await page.Context.RunAndWaitForPageAsync(() => signInButton.ClickAsync());
        var closed = new TaskCompletionSource();
        popup.Close += (_, _) => closed.TrySetResult();
        await popup.GetByRole(AriaRole.Button, new() { Name = fullName, Exact = true }).ClickAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
