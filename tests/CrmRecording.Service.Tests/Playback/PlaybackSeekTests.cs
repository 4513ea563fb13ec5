using System.Net;
using System.Net.Http.Headers;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Tests.Auth;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>
/// Seeking in a one-hour call (8 kHz 16-bit mono, 57.6 MB) over real HTTP on Kestrel: random 64 KiB ranges come
/// back byte for byte. How fast is measured by scripts/bench.sh, not here.
/// </summary>
public sealed class PlaybackSeekTests : IDisposable
{
    private const int OneHour = 8_000 * 2 * 3600;
    private readonly ServiceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Audio_RandomSeeksInAOneHourRecording_ReturnExactlyTheRequestedBytes()
    {
        foreach (var (key, value) in TestTokens.Settings())
        {
            _factory.Settings[key] = value;
        }

        _factory.UseKestrel(0);
        _factory.StartServer();
        var call = PlaybackFixture.NewCall(SeedData.Users.SalesRep);
        await _factory.Services.GetRequiredService<ICallStore>().AddAsync(call);
        var audio = PlaybackFixture.Audio(OneHour);
        using var plaintext = new MemoryStream(audio);
        var id = (await _factory.Services.GetRequiredService<RecordingVault>().ImportAsync(plaintext, new ImportRequest("test", CallId: call.Id))).Id.Value;
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint(SeedData.EntraObjectIds.ComplianceReviewer));
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            var start = random.NextInt64(0, OneHour - 65_536);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/recordings/{id}/audio", UriKind.Relative));
            request.Headers.Range = new RangeHeaderValue(start, start + 65_535);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(audio.AsSpan((int)start, 65_536).ToArray(), await response.Content.ReadAsByteArrayAsync());
        }
    }
}
