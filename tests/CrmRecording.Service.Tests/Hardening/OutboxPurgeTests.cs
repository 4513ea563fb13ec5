using CrmRecording.Service.Options;
using CrmRecording.Service.Outbox;
using CrmRecording.Testing;
using CrmRecording.Testing.Http;
using CrmRecording.Vault.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Tests.Hardening;

/// <summary>Finished outbox jobs do not keep customers' webhook bodies for ever.</summary>
public sealed class OutboxPurgeTests : IDisposable
{
    private const string Phone = "+14155550142";
    private readonly JumpingTime _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceFactory _factory;

    public OutboxPurgeTests()
    {
        _factory = new ServiceFactory { Crm = new FakeCrm(), Time = _clock };
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Worker_JobFinishedOverSevenDaysAgo_ItsPayloadIsEmptied_ANewerOneIsKept()
    {
        _ = _factory.CreateClient();
        var outbox = _factory.Services.GetRequiredService<IOutbox>();
        var worker = _factory.Services.GetRequiredService<OutboxWorker>();
        await outbox.EnqueueAsync(new OutboxJob("old", "test", "old", $$"""{"phone":"{{Phone}}","n":1}""", _clock.Now, 0, _clock.Now));
        await outbox.CompleteAsync("old", _clock.Now);
        _clock.Advance(TimeSpan.FromDays(6));
        await outbox.EnqueueAsync(new OutboxJob("recent", "test", "recent", $$"""{"phone":"{{Phone}}","n":2}""", _clock.Now, 0, _clock.Now));
        await outbox.CompleteAsync("recent", _clock.Now);
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await worker.RunOnceAsync(CancellationToken.None);

        var payloads = await PayloadsAsync();
        Assert.Equal(string.Empty, payloads["old"]);
        Assert.Contains(Phone, payloads["recent"], StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> PayloadsAsync()
    {
        var data = _factory.Services.GetRequiredService<IOptions<ServiceOptions>>().Value.DataDirectory;
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "vault.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, payload FROM outbox;";
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            payloads[reader.GetString(0)] = reader.GetString(1);
        }

        return payloads;
    }
}
