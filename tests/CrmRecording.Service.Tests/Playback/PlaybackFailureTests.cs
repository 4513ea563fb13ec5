using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Auth;
using CrmRecording.Service.Playback;
using CrmRecording.Service.Tests.Auth;
using CrmRecording.Vault.Recordings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>What playback does when the CRM is down or the listener goes away mid-range.</summary>
public sealed class PlaybackFailureTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    [Fact]
    public async Task Audio_CrmDownWhileCheckingANewListener_Is503NotCachedAndAudited()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000);
        var (_, oid) = fixture.AddUser("Alex Moreau", SeedData.Roles.RecordingReviewer);
        using var client = fixture.ClientFor(oid);

        fixture.StandIn.Faults.GoDown();
        HttpStatusCode during;
        try
        {
            during = (await client.GetAsync(seeded.AudioUrl)).StatusCode;
        }
        finally
        {
            fixture.StandIn.Faults.ComeBackUp();
        }

        var after = (await client.GetAsync(seeded.AudioUrl)).StatusCode;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal(HttpStatusCode.OK, after);
        var audit = await fixture.AuditOfAsync(seeded.Id);
        Assert.Equal(["playback-denied", "playback"], audit.Select(e => e.Entry.Action));
        Assert.StartsWith("status=503", audit[0].Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_ListenerGoneMidRange_IsAuditedAsAborted()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        var vault = fixture.Vault;
        var record = await vault.GetAsync(RecordingId.Parse(seeded.Id));
        using var gone = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestServices = fixture.Factory.Services, RequestAborted = gone.Token };
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = new HangUpAfterFirstWrite(gone);
        var caller = new CallerIdentity("sub-gone", SeedData.EntraObjectIds.ComplianceReviewer, TestTokens.Issuer);
        var grant = new PlaybackGrant(caller, CrmRecording.Service.Crm.CrmUser.FromDataverse(SeedData.Users.ComplianceReviewer, "Sam Okafor"), record, seeded.Call, "role:Recording Reviewer");

        await new RecordingAudioResult(grant).ExecuteAsync(context);

        // The listen was on record before its first byte; that it ended early follows it.
        var audit = await fixture.AuditOfAsync(seeded.Id);
        Assert.Equal(["playback", "playback-aborted"], audit.Select(e => e.Entry.Action));
        Assert.Contains("status=200", audit[1].Entry.Detail, StringComparison.Ordinal);
    }

    /// <summary>A response body whose reader hangs up once the first bytes arrive, as a seeking player does.</summary>
    private sealed class HangUpAfterFirstWrite(CancellationTokenSource gone) : MemoryStream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await base.WriteAsync(buffer, cancellationToken);
            await gone.CancelAsync();
            throw new OperationCanceledException(gone.Token);
        }
    }
}
