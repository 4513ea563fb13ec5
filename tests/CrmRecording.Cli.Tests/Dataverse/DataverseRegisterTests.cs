using System.Net.Http.Headers;
using System.Text;
using CrmRecording.Cli.Dataverse;
using CrmRecording.Cli.Solution;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Plugins;

namespace CrmRecording.Cli.Tests.Dataverse;

/// <summary><c>crmrec dataverse register</c> against the Dataverse stand-in: rows, ids, idempotence, the webhook it makes fire, and failures.</summary>
public sealed class DataverseRegisterTests : IAsyncLifetime
{
    private const string Key = "test-webhook-key-0123456789abcdef";
    private static readonly Guid SolutionEndpointId = new("91d94009-01da-4a37-9e65-a0b12db33eb1");

    private RegisterRun run = null!;

    public async Task InitializeAsync() => run = await RegisterRun.StartAsync();

    public async Task DisposeAsync() => await run.DisposeAsync();

    [Fact]
    public async Task Register_EmptyEnvironment_CreatesEndpointAndOneStepPerRegistrationUnderThePackIds()
    {
        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example/", "--key", Key);

        Assert.True(result.ExitCode == 0, result.ToString());
        var endpoint = Assert.Single(run.StandIn.GetRows("serviceendpoints"));
        Assert.Equal(SolutionEndpointId.ToString("D"), endpoint["serviceendpointid"]!.GetValue<string>());
        Assert.Equal("crr_MediaServiceWebhook", endpoint["name"]!.GetValue<string>());
        Assert.Equal("https://media.contoso.example/webhooks/dataverse", endpoint["url"]!.GetValue<string>());
        // HttpHeader (5), not WebhookKey (4): a key in the URL's ?code= ends up in proxies' and servers' request logs.
        Assert.Equal(5, endpoint["authtype"]!.GetValue<int>());
        Assert.Equal(8, endpoint["contract"]!.GetValue<int>());
        Assert.Equal(2, endpoint["messageformat"]!.GetValue<int>());
        Assert.Equal($"<settings><setting name=\"x-crr-webhook-key\" value=\"{Key}\" /></settings>", endpoint["authvalue"]!.GetValue<string>());
        Assert.Equal(PluginCatalog.Registrations.Count, run.StandIn.GetRows("sdkmessageprocessingsteps").Count);

        var gate = PluginCatalog.Registrations.Single(r => r.Name == "crr.phonecall.gate.update");
        var step = run.StandIn.GetRow("sdkmessageprocessingsteps", StepGenerator.StepId(gate.Name))!;
        Assert.Equal(gate.Name, step["name"]!.GetValue<string>());
        Assert.Equal(20, step["stage"]!.GetValue<int>());
        Assert.Equal(0, step["mode"]!.GetValue<int>());
        Assert.Equal(string.Join(',', gate.FilteringAttributes), step["filteringattributes"]!.GetValue<string>());
        Assert.Equal(SolutionEndpointId.ToString("D"), step["_eventhandler_value"]!.GetValue<string>());
        Assert.Equal(SeedData.Messages.Update.ToString("D"), step["_sdkmessageid_value"]!.GetValue<string>());
        Assert.Equal(SeedData.MessageFilterId("Update", "phonecall").ToString("D"), step["_sdkmessagefilterid_value"]!.GetValue<string>());

        var image = run.StandIn.GetRow("sdkmessageprocessingstepimages", StepGenerator.ImageId(gate.Name, "pre"))!;
        Assert.Equal(0, image["imagetype"]!.GetValue<int>());
        Assert.Equal("pre", image["entityalias"]!.GetValue<string>());
        Assert.Equal("Target", image["messagepropertyname"]!.GetValue<string>());
        Assert.Equal(string.Join(',', gate.Images[0].Attributes), image["attributes"]!.GetValue<string>());
        Assert.Contains($"Created step {gate.Name}", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_Twice_UpdatesTheSameRowsWithoutDuplicates()
    {
        var first = await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--key", Key);
        var second = await run.RegisterAsync(null, "--url", "https://media2.contoso.example", "--key", Key);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(0, first.ExitCode);
        var endpoint = Assert.Single(run.StandIn.GetRows("serviceendpoints"));
        Assert.Equal("https://media2.contoso.example/webhooks/dataverse", endpoint["url"]!.GetValue<string>());
        Assert.Equal(PluginCatalog.Registrations.Count, run.StandIn.GetRows("sdkmessageprocessingsteps").Count);
        Assert.Equal(PluginCatalog.Registrations.Sum(r => r.Images.Count), run.StandIn.GetRows("sdkmessageprocessingstepimages").Count);
        Assert.DoesNotContain("Created", second.Out, StringComparison.Ordinal);
        Assert.Contains("Updated service endpoint crr_MediaServiceWebhook", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ThenContactPhoneChanges_StandInPostsTheWebhookWithTheGeneratedKey()
    {
        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example");
        var key = result.Out.Split('\n').Single(l => l.StartsWith("Webhook key", StringComparison.Ordinal)).Split(": ")[^1].Trim();

        using var http = new HttpClient();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri(run.StandIn.WebApiAddress, $"contacts({SeedData.Contacts.CaliforniaMobile:D})"))
        {
            Content = new StringContent("""{"telephone1":"+14155550123"}""", Encoding.UTF8, "application/json"),
        };
        patch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", run.StandIn.Options.BearerToken);
        patch.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        using var response = await http.SendAsync(patch);
        await run.StandIn.Webhooks.WhenIdleAsync();

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.True(key.Length >= RegisterSettings.MinKeyLength, result.ToString());
        var delivery = Assert.Single(run.StandIn.Webhooks.All);
        Assert.Equal(StepGenerator.StepId("crr.contact.enrich.update"), delivery.StepId);
        var url = Assert.Single(run.Webhooks.Received);
        Assert.Equal("https://media.contoso.example/webhooks/dataverse", url.GetLeftPart(UriPartial.Path));
        Assert.Equal(key, Assert.Single(run.Webhooks.KeyHeaders));
        Assert.Null(System.Web.HttpUtility.ParseQueryString(url.Query)["code"]);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://media.contoso.example")]
    [InlineData("http://media.contoso.example")]
    [InlineData("https://media.contoso.example/?code=x")]
    public async Task Register_BadUrl_Exits2NamingTheOption(string url)
    {
        var result = await run.RegisterAsync(null, "--url", url);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("crmrec: --url:", result.Error, StringComparison.Ordinal);
        Assert.Empty(run.StandIn.Requests.All);
    }

    [Fact]
    public async Task Register_ShortKey_Exits2NamingTheOption()
    {
        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--key", "short");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("crmrec: --key:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_TokenRefused_Exits1WithTheStatusAndWhatToDo()
    {
        var result = await run.RegisterAsync("not-the-stand-in-token", "--url", "https://media.contoso.example", "--key", Key);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("status 401", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dataverse__ClientId", result.Error, StringComparison.Ordinal);
        Assert.Empty(run.StandIn.GetRows("serviceendpoints"));
    }

    [Fact]
    public async Task Register_DryRun_ReadsButWritesNothing()
    {
        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Would create service endpoint crr_MediaServiceWebhook", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Webhook key", result.Out, StringComparison.Ordinal);
        Assert.Empty(run.StandIn.GetRows("serviceendpoints"));
        Assert.Empty(run.StandIn.GetRows("sdkmessageprocessingsteps"));
    }
}
