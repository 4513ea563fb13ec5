using System.Security.Cryptography;
using System.Text;
using CrmRecording.Vault.Audit;

namespace CrmRecording.Vault.Tests.Metadata;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 23, 59, 59, TimeSpan.FromHours(-8));

    /// <summary>The canonical form as the chain defines it, written out the plain way.</summary>
    private static string Expected(long seq, AuditEntry e, string previous) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
        '\n', seq.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture), e.Action, e.Actor, e.RecordingId ?? "", e.Detail ?? "", previous))));

    public static TheoryData<string?, string?> Entries => new()
    {
        { "0123456789abcdef0123456789abcdef", "bytes=0-65535 status=206 basis=\"role:Recording Reviewer\"" },
        { null, null },
        { "r", "Zoë’s erasure request — contact 7; 日本語; emoji 🎧" },
        { "r", new string('x', 5000) + "é" },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void HashOf_IsSha256OfTheLineFeedJoinedUtf8Fields(string? recording, string? detail)
    {
        var entry = new AuditEntry(At.AddTicks(1234567), "playback", "crm-user:5e000000-0000-4000-8000-000000000004", recording, detail);

        var hash = AuditChain.HashOf(long.MaxValue, entry, AuditChain.Genesis);

        Assert.Equal(Expected(long.MaxValue, entry, AuditChain.Genesis), hash);
        Assert.True(AuditChain.Matches(long.MaxValue, entry, AuditChain.Genesis, hash));
        Assert.False(AuditChain.Matches(long.MaxValue, entry with { Detail = (detail ?? "") + " " }, AuditChain.Genesis, hash));
        Assert.False(AuditChain.Matches(long.MaxValue - 1, entry, AuditChain.Genesis, hash));
    }
}
