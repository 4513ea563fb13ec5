using System.Net;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Tests.Playback;

namespace CrmRecording.Service.Tests.Auth;

/// <summary>Tokens that must not get past authentication: each is a 401, before the recording is looked up.</summary>
public sealed class BearerTokenTests(PlaybackFixture fixture) : IClassFixture<PlaybackFixture>
{
    private static readonly Guid Reviewer = SeedData.EntraObjectIds.ComplianceReviewer;

    public static TheoryData<string, string?> Rejected => new()
    {
        { "none", null },
        { "expired", TestTokens.Mint(Reviewer, expiresIn: TimeSpan.FromMinutes(-5)) },
        { "not yet valid", TestTokens.Mint(Reviewer, now: TimeProvider.System.GetUtcNow().AddMinutes(10)) },
        { "wrong issuer", TestTokens.Mint(Reviewer, issuer: "https://evil.test/") },
        { "wrong audience", TestTokens.Mint(Reviewer, audience: "api://someone-else") },
        { "bad signature", TestTokens.Mint(Reviewer, key: [.. Enumerable.Repeat((byte)9, 32)]) },
        { "alg none", TestTokens.WithoutSignature(Reviewer) },
        { "sandbox issuer, foreign key", TestTokens.Mint(Reviewer, issuer: CrmRecording.Service.Auth.SandboxTokenIssuer.Issuer, audience: CrmRecording.Service.Auth.SandboxTokenIssuer.Audience, key: [.. Enumerable.Repeat((byte)3, 32)]) },
        { "garbage", "not-a-jwt" },
        { "current, but lives 30 days (over Auth:MaxTokenLifetime)", TestTokens.Mint(Reviewer, expiresIn: TimeSpan.FromDays(30)) },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Audio_InvalidOrMissingToken_Is401WithABearerChallenge(string why, string? token)
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000);
        using var client = fixture.WithToken(token);

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Empty(await fixture.AuditOfAsync(seeded.Id));
    }

    [Fact]
    public async Task Audio_RejectedToken_ChallengeIsTheSameWhateverTheReason()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000);
        var challenges = new List<string>();
        foreach (var token in new[] { TestTokens.Mint(Reviewer, expiresIn: TimeSpan.FromMinutes(-5)), TestTokens.Mint(Reviewer, key: [.. Enumerable.Repeat((byte)9, 32)]), TestTokens.Mint(Reviewer, audience: "api://someone-else") })
        {
            using var client = fixture.WithToken(token);
            using var response = await client.GetAsync(seeded.AudioUrl);
            challenges.Add(response.Headers.WwwAuthenticate.ToString());
        }

        Assert.Single(challenges.Distinct());
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The access token is not valid.\"", challenges[0]);
    }

    [Fact]
    public async Task Audio_NoTokenForAnUnknownRecording_Is401NotA404()
    {
        using var client = fixture.WithToken(null);

        using var response = await client.GetAsync(new Uri($"/api/recordings/{new string('b', 32)}/audio", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Audio_ValidTokenWithinClockSkewAfterExpiry_IsAccepted()
    {
        var seeded = await fixture.SeedAsync(SeedData.Users.SalesRep, 1000);
        using var client = fixture.WithToken(TestTokens.Mint(Reviewer, expiresIn: TimeSpan.FromSeconds(-20)));

        using var response = await client.GetAsync(seeded.AudioUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
