using System.Net;
using System.Net.Http.Headers;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Vault.Audit;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>Who may listen, decided from the seeded CRM's roles, teams and manager chain, with every decision audited.</summary>
public sealed class PlaybackAccessTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    [Fact]
    public async Task Audio_ReviewerWithRoleDirectly_Gets206WithTheExactBytesAndIsAudited()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer, subject: "sam-sub");
        using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
        request.Headers.Range = new RangeHeaderValue(70_000, 140_999);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 70000-140999/300000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(71_000, response.Content.Headers.ContentLength);
        Assert.Equal(seeded.Audio[70_000..141_000], await response.Content.ReadAsByteArrayAsync());
        var grant = Assert.Single(await fixture.AuditOfAsync(seeded.Id), e => e.Entry.Action == "playback");
        Assert.Equal($"crm-user:{SeedData.Users.ComplianceReviewer:D}", grant.Entry.Actor);
        Assert.StartsWith("bytes=70000-140999 status=206 basis=\"role:Recording Reviewer\" sub=\"sam-sub\"", grant.Entry.Detail, StringComparison.Ordinal);
        Assert.Contains("range=\"bytes=70000-140999\"", grant.Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_ReviewerOnlyThroughATeam_IsAllowed()
    {
        var seeded = await fixture.SeedAsync(PlaybackFixture.OtherRep);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.SalesRep);

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await fixture.AuditOfAsync(seeded.Id), e => e.Entry.Action == "playback" && e.Entry.Detail!.Contains("basis=\"role:Recording Reviewer\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audio_OwnerWithoutAnyRecordingRole_IsAllowedAsOwner()
    {
        var seeded = await fixture.SeedAsync(PlaybackFixture.OtherRep);
        using var client = fixture.ClientFor(PlaybackFixture.OtherRepEntraId);

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(seeded.Audio, await response.Content.ReadAsByteArrayAsync());
        var grant = Assert.Single(await fixture.AuditOfAsync(seeded.Id));
        Assert.Equal($"crm-user:{PlaybackFixture.OtherRep:D}", grant.Entry.Actor);
        Assert.Contains("status=200 basis=\"owner\"", grant.Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_OwnersManagerWithoutAnyRecordingRole_IsAllowedAsManager()
    {
        var seeded = await fixture.SeedAsync(PlaybackFixture.OtherRep);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.SalesDirector);

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("basis=\"owner-manager\"", Assert.Single(await fixture.AuditOfAsync(seeded.Id)).Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_SeedRepOwnCallAndSeedManager_AreBothAllowed()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);

        using var owner = fixture.ClientFor(SeedData.EntraObjectIds.SalesRep);
        using var manager = fixture.ClientFor(SeedData.EntraObjectIds.SalesManager);

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(seeded.AudioUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(seeded.AudioUrl)).StatusCode);
    }

    [Fact]
    public async Task Audio_AnotherRepWithoutRole_Is403ProblemNamingTheRolesAndAudited()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var client = fixture.ClientFor(PlaybackFixture.OtherRepEntraId, subject: "taylor-sub");
        using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
        request.Headers.Range = new RangeHeaderValue(0, 99);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Recording Reviewer", body, StringComparison.Ordinal);
        Assert.Contains("Recording Administrator", body, StringComparison.Ordinal);
        var denial = Assert.Single(await fixture.AuditOfAsync(seeded.Id));
        Assert.Equal("playback-denied", denial.Entry.Action);
        Assert.Equal($"crm-user:{PlaybackFixture.OtherRep:D}", denial.Entry.Actor);
        Assert.StartsWith("status=403 reason=", denial.Entry.Detail, StringComparison.Ordinal);
        Assert.Contains("sub=\"taylor-sub\"", denial.Entry.Detail, StringComparison.Ordinal);
        Assert.Contains("range=\"bytes=0-99\"", denial.Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_ManagerOfTheOwnersManager_IsRefused()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.SalesDirector);

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Audio_TokenWhoseOidIsNoCrmUser_Is403AndAudited()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var client = fixture.ClientFor(PlaybackFixture.StrangerEntraId);

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var denial = Assert.Single(await fixture.AuditOfAsync(seeded.Id));
        Assert.Equal("playback-denied", denial.Entry.Action);
        Assert.Equal($"entra-oid:{PlaybackFixture.StrangerEntraId:D}", denial.Entry.Actor);
        Assert.Contains("no CRM user", denial.Entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_UnknownRecording_Is404ProblemForAnAllowedCaller()
    {
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        using var unknown = await client.GetAsync(new Uri($"/api/recordings/{new string('a', 32)}/audio", UriKind.Relative));
        using var malformed = await client.GetAsync(new Uri("/api/recordings/not-an-id", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task Audio_DeletedRecording_Is404()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        await fixture.Vault.DeleteAsync(Vault.Recordings.RecordingId.Parse(seeded.Id), "test", "erasure request");
        using var client = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Audio_SeekingPlayer_AsksTheCrmOnlyForTheFirstRange()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        var (userId, oid) = fixture.AddUser("Jamie Ortiz", SeedData.Roles.RecordingReviewer);
        using var client = fixture.ClientFor(oid);
        int CrmRequestsAboutTheUser() => fixture.StandIn.Requests.All.Count(r =>
            r.Url.ToString().Contains(userId.ToString("D"), StringComparison.OrdinalIgnoreCase) || Uri.UnescapeDataString(r.Url.ToString()).Contains(oid.ToString("D"), StringComparison.OrdinalIgnoreCase));

        for (var seek = 0; seek < 10; seek++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, seeded.AudioUrl);
            request.Headers.Range = new RangeHeaderValue(seek * 25_000, (seek * 25_000) + 999);
            Assert.Equal(HttpStatusCode.PartialContent, (await client.SendAsync(request)).StatusCode);
        }

        // The user by Entra id, their direct roles, their teams: once, for all ten ranges.
        Assert.Equal(3, CrmRequestsAboutTheUser());
    }

    [Fact]
    public async Task Audit_AfterGrantsAndDenials_ChainStillVerifies()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep);
        using var reviewer = fixture.ClientFor(SeedData.EntraObjectIds.ComplianceReviewer);
        using var other = fixture.ClientFor(PlaybackFixture.OtherRepEntraId);
        await reviewer.GetAsync(seeded.AudioUrl);
        await other.GetAsync(seeded.AudioUrl);

        var trail = await fixture.Metadata.ReadAuditAsync();

        Assert.Null(AuditChain.Verify(trail));
        Assert.Equal(["import", "playback", "playback-denied"], trail.Where(e => e.Entry.RecordingId == seeded.Id).Select(e => e.Entry.Action));
    }
}
