using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio.Recordings;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Tests.Auth;
using CrmRecording.Vault.Audit;
using CrmRecording.Vault.Metadata;
using Microsoft.Data.Sqlite;

namespace CrmRecording.Service.Tests.Recovery;

/// <summary>
/// kill -9 of a real service process at each step of a recorded call, chosen by <c>Testing:HaltAt</c> (the service
/// announces the step in a signal file and stops there; the test then kills it), then a restart on the same data:
/// the recording ends stored exactly once and linked in the CRM, or lost with its reason — never stuck.
/// </summary>
public sealed class KillNineTests(OutlivingStandIns standIns) : IClassFixture<OutlivingStandIns>, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _root = Directory.CreateTempSubdirectory("crmrec-kill-").FullName;
    private readonly int _port = FreePort();

    private string Data => Path.Combine(_root, "data");

    private string Signal => Path.Combine(_root, "halted");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("after-recording-callback")]
    [InlineData("during-download")]
    [InlineData("during-blob-write")]
    [InlineData("stored")] // after the metadata commit
    [InlineData("during-crm-write-back")]
    public async Task KilledAfterTheCallEnded_Restarted_TheRecordingIsStoredOnceAndLinked(string step)
    {
        string callId;
        using (var service = await StartAsync(step))
        {
            callId = (await PlaceAsync(service)).CallId;
            var call = await WaitForCallAsync(callId, c => c.Recordings.Any(r => r.Status == "in-progress"), "recording");
            await Task.Delay(1100); // a second of audio
            await standIns.Twilio.HangUpAsync(call.CustomerCallSid!);
            await HaltedAsync(service, step);
            service.Kill();
        }

        using (await StartAsync())
        {
            var call = await WaitForCallAsync(callId, c => c.IsSettled, "stored and linked after the restart");
            await AssertStoredOnceAndLinkedAsync(call);
        }
    }

    [Fact]
    public async Task KilledWhileRecording_TheCallEndsWhileDown_RestartStoresAndLinksIt()
    {
        string callId;
        using (var service = await StartAsync("mid-recording"))
        {
            callId = (await PlaceAsync(service)).CallId;
            await HaltedAsync(service, "mid-recording");
            service.Kill();
        }

        var call = await ReadCallAsync(callId);
        await Task.Delay(1100); // a second of audio, recorded while the service is dead
        await standIns.Twilio.HangUpAsync(CustomerLeg(call));

        using (await StartAsync())
        {
            call = await WaitForCallAsync(callId, c => c.IsSettled, "ended, stored and linked after the restart");
            Assert.Equal(CrmRecording.Service.Calls.State.CallStatus.Completed, call.Status);
            await AssertStoredOnceAndLinkedAsync(call);
        }
    }

    [Fact]
    public async Task KilledWhileRecording_TwilioLosesTheRecordingMeanwhile_RestartMarksItLostWithWhy()
    {
        string callId;
        using (var service = await StartAsync("mid-recording"))
        {
            callId = (await PlaceAsync(service)).CallId;
            await HaltedAsync(service, "mid-recording");
            service.Kill();
        }

        var call = await ReadCallAsync(callId);
        await standIns.Twilio.HangUpAsync(CustomerLeg(call));
        var sid = Assert.Single(call.Recordings).RecordingSid;
        await WaitAsync(() => standIns.Twilio.FindRecording(sid)?.Status == RecordingStatus.Completed, "the recording completed at Twilio");
        using (var http = new HttpClient())
        {
            // As Twilio's own retention or someone in its console would, while the service is down.
            var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri(standIns.Twilio.BaseAddress, $"2010-04-01/Accounts/{standIns.Twilio.Options.AccountSid}/Recordings/{sid}.json"));
            delete.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{standIns.Twilio.Options.AccountSid}:{standIns.Twilio.Options.AuthToken}")));
            Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(delete)).StatusCode);
        }

        using (var service = await StartAsync())
        {
            call = await WaitForCallAsync(callId, c => c.IsSettled, "the recording marked lost after the restart");
            var entry = Assert.Single(call.Recordings);
            Assert.Equal("lost", entry.Status);
            Assert.Contains($"Twilio no longer has recording {sid}", entry.Problem, StringComparison.Ordinal);
            Assert.Contains("RECORDING LOST", (string?)standIns.Dataverse.GetRow("phonecalls", call.PhoneCallId!.Value)!["crr_consentsummary"], StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = await service.ListeningAsync() };
            var health = JsonDocument.Parse(await http.GetStringAsync("/health/ready")).RootElement;
            Assert.Equal(("degraded", 1), (health.GetProperty("status").GetString(), health.GetProperty("lostRecordings").GetInt32()));
        }

        await using var metadata = new SqliteMetadataStore(Path.Combine(Data, "vault.db"));
        Assert.Single(await metadata.ReadAuditAsync(), e => e.Entry.Action == "recording-lost");
        Assert.Empty(await metadata.ListRecordingsAsync(new RecordingQuery(IncludeDeleted: true)));
    }

    [Fact]
    public async Task KilledRightAfterTheDial_Restarted_TheCallEndsAndNothingIsLeftOpen()
    {
        using (var service = await StartAsync("after-dial"))
        {
            var placing = PlaceAsync(service);
            await HaltedAsync(service, "after-dial");
            service.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => placing); // the dialer never heard back
        }

        var callId = await OnlyCallIdAsync();
        // The rep hangs up while the service is down, so the call ends at Twilio unseen; only then is the service
        // brought back (a restart racing Twilio's requests would let the call go on, recorded, instead).
        var sid = (await ReadCallAsync(callId))!.TwilioCallSid!;
        await standIns.Twilio.HangUpAsync(sid, TimeSpan.FromSeconds(30));
        using (await StartAsync())
        {
            var call = await WaitForCallAsync(callId, c => c.IsSettled, "ended after the restart");
            Assert.NotNull(call.EndedAt);
            Assert.True(standIns.Twilio.FindCall(call.TwilioCallSid!)!.Status.ToString() is not ("Queued" or "Ringing" or "InProgress"));
            Assert.Empty(call.Recordings);
        }
    }

    private async Task<ServiceProcess> StartAsync(string? haltAt = null)
    {
        var settings = standIns.Settings(_port, Data);
        if (haltAt is not null)
        {
            settings["Testing:HaltAt"] = haltAt;
            settings["Testing:HaltSignal"] = Signal;
        }

        var service = ServiceProcess.Start(settings);
        await service.ListeningAsync();
        return service;
    }

    private static async Task<PlaceCallResponse> PlaceAsync(ServiceProcess service)
    {
        using var http = new HttpClient { BaseAddress = await service.ListeningAsync() };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Mint(SeedData.EntraObjectIds.SalesRep));
        var response = await http.PostAsJsonAsync("/api/calls", new { crm = "dynamics", entity = "contact", id = SeedData.Contacts.CaliforniaMobile });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PlaceCallResponse>(Json))!;
    }

    /// <summary>Waits for the service to announce it stopped at <paramref name="step"/>.</summary>
    private async Task HaltedAsync(ServiceProcess service, string step) =>
        await WaitAsync(() => File.Exists(Signal) && File.ReadAllText(Signal) == step, $"the service halted at {step}", () => service.Out + service.Error);

    private async Task AssertStoredOnceAndLinkedAsync(CallRecord call)
    {
        var entry = Assert.Single(call.Recordings);
        Assert.Equal(("stored", true, true), (entry.Status, entry.DeletedAtTwilio, entry.WrittenToCrm));
        Assert.True(standIns.Twilio.FindRecording(entry.RecordingSid)!.Deleted);
        Assert.EndsWith(entry.VaultId!, (string?)standIns.Dataverse.GetRow("phonecalls", call.PhoneCallId!.Value)!["crr_recordingurl"], StringComparison.Ordinal);
        await using var metadata = new SqliteMetadataStore(Path.Combine(Data, "vault.db"));
        var stored = await metadata.ListRecordingsAsync(new RecordingQuery(IncludeDeleted: true));
        Assert.Equal(entry.VaultId, Assert.Single(stored).Id.Value);
        Assert.Null(AuditChain.Verify(await metadata.ReadAuditAsync()));
        Assert.Equal(0, await metadata.DeadCountAsync());
        // A kill after the blob's commit and before its metadata row leaves a blob nobody owns: the sweep removes it.
        await WaitAsync(() => Directory.GetFiles(Path.Combine(Data, "recordings")).Length == 1, "no .partial file nor orphaned blob left", () => string.Join(", ", Directory.GetFiles(Path.Combine(Data, "recordings")).Select(Path.GetFileName)));
        Assert.StartsWith(entry.VaultId!, Path.GetFileName(Assert.Single(Directory.EnumerateFiles(Path.Combine(Data, "recordings")))), StringComparison.Ordinal);
    }

    private async Task<CallRecord> WaitForCallAsync(string callId, Func<CallRecord, bool> condition, string what)
    {
        CallRecord? call = null;
        await WaitAsync(
            async () => (call = await ReadCallAsync(callId)) is { } c && condition(c),
            what,
            () => JsonSerializer.Serialize(call, Json));
        return call!;
    }

    private async Task<CallRecord> ReadCallAsync(string callId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "calls.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM calls WHERE id = $id;";
        command.Parameters.AddWithValue("$id", callId);
        return JsonSerializer.Deserialize<CallRecord>((string)(await command.ExecuteScalarAsync())!, Json)!;
    }

    private async Task<string> OnlyCallIdAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "calls.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM calls;";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private string CustomerLeg(CallRecord call) =>
        call.CustomerCallSid ?? standIns.Twilio.Calls.Single(c => c.ParentCallSid == call.TwilioCallSid).Sid;

    private static Task WaitAsync(Func<bool> condition, string what, Func<string>? state = null) =>
        WaitAsync(() => Task.FromResult(condition()), what, state);

    /// <summary>Polls state the service writes in another process (its database, the stand-ins) until it holds.</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition, string what, Func<string>? state = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Never reached: {what}.{Environment.NewLine}{state?.Invoke()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A free port below Linux's ephemeral range (32768–60999): the service restarts on the same port (Twilio calls back
    /// to it), and a port the system handed out could meanwhile become the local end of some other test's connection.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }
    }
}
