using Microsoft.Playwright;

namespace CrmRecording.Pages.Tests.Hosting;

/// <summary>
/// One headless Debian Chromium for the whole test run (started on first use, never downloaded); every test
/// class opens its own context, so classes run in parallel without sharing cookies or storage.
/// </summary>
internal static class SharedBrowser
{
    /// <summary>Where Debian's package puts Chromium; <c>CRMREC_CHROMIUM</c> overrides it.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CRMREC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly Lazy<Task<IBrowser>> Browser = new(LaunchAsync);

    public static Task<IBrowser> GetAsync() => Browser.Value;

    /// <summary>A fresh context (cookies, storage, permissions of its own) in the shared browser.</summary>
    public static async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var browser = await GetAsync();
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}: scripts/test.sh installs Debian's chromium package (apt-get install chromium), or set CRMREC_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => playwright.Dispose();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // This machine's network is closed: no background connections to Google's services, no QUIC.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
        });
    }
}
