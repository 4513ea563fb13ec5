using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CrmRecording.Cli.Dataverse;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Seed;

namespace CrmRecording.Cli.Tests.Dataverse;

/// <summary><c>crmrec dataverse register</c> and the dialer's CIF 1.0 channel provider (<c>msdyn_ciprovider</c>) on the Dataverse stand-in.</summary>
public sealed class ChannelProviderRegisterTests : IAsyncLifetime
{
    private const string Key = "test-webhook-key-0123456789abcdef";
    private static readonly Guid Salesperson = SeedData.Roles.Salesperson;

    private RegisterRun run = null!;

    public async Task InitializeAsync() => run = await RegisterRun.StartAsync();

    public async Task DisposeAsync() => await run.DisposeAsync();

    private string Org => run.StandIn.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Register_EmptyEnvironment_CreatesTheDialerProviderWithOutboundOnAndTheDialerRole()
    {
        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example/", "--key", Key);

        Assert.True(result.ExitCode == 0, result.ToString());
        var provider = Assert.Single(run.StandIn.GetRows("msdyn_ciproviders"));
        Assert.Equal(ChannelProviderRegistrar.ProviderId.ToString("D"), (string?)provider["msdyn_ciproviderid"]);
        Assert.Equal("crr_RecordingDialer", (string?)provider["msdyn_name"]);
        Assert.Equal("Call recording", (string?)provider["msdyn_label"]);
        Assert.Equal($"https://media.contoso.example/crm/dynamics/dialer?base={Org}", (string?)provider["msdyn_landingurl"]);
        Assert.True((bool)provider["msdyn_clicktoact"]!);
        Assert.Equal(0, (int)provider["msdyn_ciproviderapiversion"]!);
        Assert.Equal(0, (int)provider["msdyn_sortorder"]!);
        Assert.Equal("https://media.contoso.example", (string?)provider["msdyn_trusteddomain"]);
        Assert.Equal(SeedData.Roles.RecordingDialerUser.ToString("D"), (string?)provider["msdyn_roleselector"]);
        var post = Assert.Single(run.StandIn.Requests.All, r => r.Method == "POST" && r.Url.AbsolutePath.EndsWith("/msdyn_ciproviders", StringComparison.Ordinal));
        Assert.Contains("\"msdyn_clicktoact\":true", post.Body, StringComparison.Ordinal);
        Assert.Contains($"Created channel provider crr_RecordingDialer", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 channel provider.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_Twice_UpdatesTheOneProviderAndKeepsRolesAnAdminAdded()
    {
        await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--key", Key);
        var first = Assert.Single(run.StandIn.GetRows("msdyn_ciproviders"));
        first["msdyn_roleselector"] = $"{Salesperson:D};{SeedData.Roles.RecordingDialerUser:D}";
        first["msdyn_appselector"] = "77e7dba9-528c-ed11-aad1-000d3a5bcf98";
        run.StandIn.PutRow("msdyn_ciproviders", first);
        run.StandIn.Requests.Clear();

        var second = await run.RegisterAsync(null, "--url", "https://media2.contoso.example", "--key", Key, "--channel-order", "3");

        Assert.True(second.ExitCode == 0, second.ToString());
        var provider = Assert.Single(run.StandIn.GetRows("msdyn_ciproviders"));
        Assert.Equal(ChannelProviderRegistrar.ProviderId.ToString("D"), (string?)provider["msdyn_ciproviderid"]);
        Assert.Equal($"https://media2.contoso.example/crm/dynamics/dialer?base={Org}", (string?)provider["msdyn_landingurl"]);
        Assert.Equal("https://media2.contoso.example", (string?)provider["msdyn_trusteddomain"]);
        Assert.Equal(3, (int)provider["msdyn_sortorder"]!);
        Assert.Equal($"{Salesperson:D};{SeedData.Roles.RecordingDialerUser:D}", (string?)provider["msdyn_roleselector"]);
        Assert.Equal("77e7dba9-528c-ed11-aad1-000d3a5bcf98", (string?)provider["msdyn_appselector"]);
        Assert.Single(run.StandIn.Requests.All, r => r.Method == "PATCH" && r.Url.AbsolutePath.EndsWith($"/msdyn_ciproviders({ChannelProviderRegistrar.ProviderId:D})", StringComparison.Ordinal));
        Assert.DoesNotContain(run.StandIn.Requests.All, r => r.Method == "POST" && r.Url.AbsolutePath.EndsWith("/msdyn_ciproviders", StringComparison.Ordinal));
        Assert.Contains("Updated channel provider crr_RecordingDialer", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ProviderMadeByHandUnderTheName_IsUpdatedUnderItsOwnId()
    {
        var byHand = run.StandIn.PutRow("msdyn_ciproviders", new JsonObject
        {
            ["msdyn_name"] = "crr_RecordingDialer",
            ["msdyn_landingurl"] = "https://old.contoso.example/dialer",
            ["msdyn_clicktoact"] = false,
        });

        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--key", Key);

        Assert.True(result.ExitCode == 0, result.ToString());
        var provider = Assert.Single(run.StandIn.GetRows("msdyn_ciproviders"));
        Assert.Equal(byHand.ToString("D"), (string?)provider["msdyn_ciproviderid"]);
        Assert.True((bool)provider["msdyn_clicktoact"]!);
        Assert.Equal($"https://media.contoso.example/crm/dynamics/dialer?base={Org}", (string?)provider["msdyn_landingurl"]);
    }

    [Fact]
    public async Task Register_DialerRoleNotImported_Exits1SayingToImportTheSolution()
    {
        using (var http = new HttpClient())
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri(run.StandIn.WebApiAddress, $"roles({SeedData.Roles.RecordingDialerUser:D})")))
        {
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", run.StandIn.Options.BearerToken);
            Assert.True((await http.SendAsync(delete)).IsSuccessStatusCode);
        }

        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--key", Key);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Recording Dialer User", result.Error, StringComparison.Ordinal);
        Assert.Contains("Import the solution", result.Error, StringComparison.Ordinal);
        Assert.Empty(run.StandIn.GetRows("msdyn_ciproviders"));
    }

    [Fact]
    public async Task Register_DryRun_SaysItWouldCreateTheProviderAndWritesNothing()
    {
        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Would create channel provider crr_RecordingDialer", result.Out, StringComparison.Ordinal);
        Assert.Empty(run.StandIn.GetRows("msdyn_ciproviders"));
    }

    [Fact]
    public async Task Register_NegativeChannelOrder_Exits2NamingTheOption()
    {
        var result = await run.RegisterAsync(null, "--url", "https://media.contoso.example", "--key", Key, "--channel-order", "-1");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("crmrec: --channel-order:", result.Error, StringComparison.Ordinal);
        Assert.Empty(run.StandIn.Requests.All);
    }

    [Theory]
    [InlineData(null, "r1", "r1")]
    [InlineData("a;b", "r1", "a;b;r1")]
    [InlineData("a; R1 ;b", "r1", "a;R1;b")]
    public void RoleSelector_KeepsSelectedRolesAndAddsTheDialerRoleOnce(string? existing, string dialer, string expected)
    {
        Assert.Equal(expected, ChannelProviderRegistrar.RoleSelector(existing, [dialer]));
    }
}
