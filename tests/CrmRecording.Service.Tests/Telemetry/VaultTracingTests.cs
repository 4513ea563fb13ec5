using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Tests.Playback;
using CrmRecording.Vault.Telemetry;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>The service's own tracer provider subscribes to the vault's activity source: a listen's range read is exported as a vault span.</summary>
public sealed class VaultTracingTests
{
    [Fact]
    public async Task OtlpEndpoint_ReviewerReadsARange_TheVaultsReadRangeSpanIsExported()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var service = new PlaybackFixture();
        service.Factory.Settings["Telemetry:OtlpEndpoint"] = receiver.BaseAddress.AbsoluteUri;
        await service.InitializeAsync();
        SeededRecording seeded;
        try
        {
            seeded = await service.SeedAsync(SeedData.Users.SalesRep, 300_000);
            using var client = service.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);
            using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
            request.Headers.TryAddWithoutValidation("Range", "bytes=70000-135535");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        }
        finally
        {
            // Stopping the service flushes what its tracer provider holds.
            await service.DisposeAsync();
        }

        await receiver.FirstAsync("traces");
        // The recording id is a tag only the vault's spans carry (the request span's path is redacted).
        Assert.Contains(receiver.Exports, e => e.Signal == "traces"
            && e.Carries(VaultActivities.SourceName) && e.Carries(VaultActivities.ReadRange) && e.Carries(VaultActivities.BytesTag) && e.Carries(seeded.Id));
    }
}
