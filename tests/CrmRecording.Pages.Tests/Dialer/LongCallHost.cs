using CrmRecording.Pages.Tests.Hosting;

namespace CrmRecording.Pages.Tests.Dialer;

/// <summary>The pages' host whose sandbox calls stay up until the rep hangs up, with a short consent question.</summary>
public sealed class LongCallHost : PagesHost
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Sandbox:CallSeconds"] = "0";
        settings["Calls:ConsentTimeoutSeconds"] = "3";
    }
}
