using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Tests.Hardening;

/// <summary>The sandbox mints tokens for anyone: it binds to loopback only and stays out of Production unless told otherwise.</summary>
public sealed class SandboxExposureTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.0.2.10:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::]:5081")]
    public void Start_SandboxOnANonLoopbackUrl_IsRefusedNamingTheSetting(string urls)
    {
        using var factory = new ServiceFactory();
        factory.Settings["Urls"] = urls;

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("loopback only", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sandbox:AllowNonLoopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_SandboxInProduction_IsRefusedNamingTheSetting()
    {
        using var factory = new ServiceFactory();
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var error = Assert.Throws<OptionsValidationException>(() => production.CreateClient());

        Assert.Contains("Sandbox:AllowInProduction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SandboxExplicitlyAllowedOnAnyAddressInProduction_Starts()
    {
        using var factory = new ServiceFactory();
        factory.Settings["Urls"] = "http://0.0.0.0:5080";
        factory.Settings["Sandbox:AllowNonLoopback"] = "true";
        factory.Settings["Sandbox:AllowInProduction"] = "true";
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        using var response = await production.CreateClient().GetAsync("/health/live");

        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Start_SandboxOnLoopback_Starts()
    {
        using var factory = new ServiceFactory();
        factory.Settings["Urls"] = "http://127.0.0.1:5080;http://localhost:5081;http://[::1]:5082";

        using var response = await factory.CreateClient().GetAsync("/health/live");

        Assert.True(response.IsSuccessStatusCode);
    }
}
