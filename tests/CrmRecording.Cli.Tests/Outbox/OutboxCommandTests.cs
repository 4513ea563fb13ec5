using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Cli.Tests.Outbox;

public sealed class OutboxCommandTests : IDisposable
{
    private const string Phone = "+14155550142";
    private readonly TempDir _dir = new();
    private readonly string _data;

    public OutboxCommandTests()
    {
        _data = Path.Combine(_dir.Path, "data");
        Directory.CreateDirectory(_data);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ListDead_ShowsEachDeadJobWithWhy_NeverItsPayload_AndRetryMakesItDueAgain()
    {
        var now = TimeProvider.System.GetUtcNow();
        await using (var store = new SqliteMetadataStore(Path.Combine(_data, "vault.db")))
        {
            await store.MigrateAsync();
            await store.EnqueueAsync(new OutboxJob("dead-job-1", "crm-consent-log", "k1", $$"""{"phone":"{{Phone}}"}""", now, 0, now));
            await store.EnqueueAsync(new OutboxJob("pending-job", "crm-consent-log", "k2", "{}", now, 0, now.AddHours(1)));
            await store.ClaimAsync("w", 1, now, TimeSpan.FromSeconds(30));
            await store.DeadLetterAsync("dead-job-1", "Gave up after 30 attempts; the last: DataverseException: 503", now);
        }

        var summary = Crmrec.Run("outbox", "list", "--data", _data);
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.Contains("1 pending, 1 dead", summary.Out, StringComparison.Ordinal);

        var dead = Crmrec.Run("outbox", "list", "--dead", "--data", _data);
        Assert.True(dead.ExitCode == 0, dead.ToString());
        Assert.Contains("dead-job-1", dead.Out, StringComparison.Ordinal);
        Assert.Contains("crm-consent-log", dead.Out, StringComparison.Ordinal);
        Assert.Contains("Gave up after 30 attempts; the last: DataverseException: 503", dead.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, dead.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pending-job", dead.Out, StringComparison.Ordinal);

        var unknown = Crmrec.Run("outbox", "retry", "pending-job", "--data", _data);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no dead outbox job pending-job", unknown.Error, StringComparison.Ordinal);

        var retry = Crmrec.Run("outbox", "retry", "dead-job-1", "--data", _data);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        await using (var store = new SqliteMetadataStore(Path.Combine(_data, "vault.db")))
        {
            Assert.Equal(0, await store.DeadCountAsync());
            var due = Assert.Single(await store.ClaimAsync("w", 10, TimeProvider.System.GetUtcNow().AddSeconds(1), TimeSpan.FromSeconds(30)));
            Assert.Equal(("dead-job-1", 1), (due.Id, due.Attempts));
        }
    }
}
