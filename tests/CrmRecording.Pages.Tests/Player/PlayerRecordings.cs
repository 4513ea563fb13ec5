using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Service.Calls;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Pages.Tests.Player;

/// <summary>
/// A 30-second dual-channel recording of a consent call placed by the seeded rep: the disclosure at 0 s, the
/// customer's keypad yes at 6 s, a payment pause from 12 s to 16 s (silence in the audio), stored in the vault.
/// </summary>
internal static class PlayerRecordings
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ConsentAt = TimeSpan.FromSeconds(6);

    public static async Task<string> SeedAsync(IServiceProvider services)
    {
        var started = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        var callId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var call = new CallRecord
        {
            Id = callId,
            Crm = "dynamics",
            Entity = "opportunity",
            RecordId = SeedData.Opportunities.FleetRenewal,
            CustomerTable = "contact",
            CustomerId = SeedData.Contacts.CaliforniaMobile,
            RepUserId = SeedData.Users.SalesRep,
            RepName = "Riley Chen",
            CustomerPhone = "+14155550142",
            Decision = CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterConsent,
            Reasons = ["record-after-consent: the strictest rule is all-party in California (US-CA, customer; Cal. Penal Code 632, 632.7, 637.2)."],
            Jurisdictions = ["US-CA", "US", "US-TX"],
            RulesVersion = "test",
            CallbackBase = new Uri("https://media.example.com/"),
            Language = "en-US",
            Status = CrmRecording.Service.Calls.State.CallStatus.Completed,
            RecordingAllowed = true,
            CreatedAt = started,
            EndedAt = started + Length,
            ConsentEvents =
            [
                new ConsentEvent("disclosure-played", started, null, "tts", null, "consent-request", "2026.11.1", "en-US", ["US-CA"], callId),
                new ConsentEvent("consent-granted", started + ConsentAt, "granted", "keypad", "1", "consent-request", "2026.11.1", "en-US", ["US-CA"], callId),
            ],
            PausedSpans = [new PausedSpan(started.AddSeconds(12), started.AddSeconds(16), SeedData.Users.SalesRep, "silence")],
        };
        await services.GetRequiredService<ICallStore>().AddAsync(call);
        using var wav = new MemoryStream(DualChannelWav.Render(Length, [new SilentSpan(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(4))]));
        var id = (await services.GetRequiredService<RecordingVault>().ImportAsync(wav, new ImportRequest("test", CallId: callId))).Id.Value;
        await services.GetRequiredService<ICallStore>().UpdateAsync(callId, c => c with
        {
            Recordings = [new CallRecording("RE" + new string('0', 32), "stored", VaultId: id, Seconds: 30, StartedAt: started)],
        });
        return id;
    }
}
