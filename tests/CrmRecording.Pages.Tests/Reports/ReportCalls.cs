using CrmRecording.Core.Decisions;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.Twilio.Media;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Calls.State;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Pages.Tests.Reports;

/// <summary>
/// A few days of calls as the call flow stores them, varied in every way the report counts: two reps, four
/// jurisdictions, all four decisions, each consent answer, a hand-started recording with its attestation, a payment
/// pause and a refused one, a lost recording; two of them stored in the vault so the report links them to the player.
/// </summary>
internal static class ReportCalls
{
    public const string DisclosureVersion = "2026.11.1";

    /// <summary>The stored recordings' vault ids, in the order the calls were placed.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, DateTimeOffset now)
    {
        var store = services.GetRequiredService<ICallStore>();
        var rep = SeedData.Users.SalesRep;
        var manager = SeedData.Users.SalesManager;
        var contacts = SeedData.Contacts.CaliforniaMobile;
        var stored = new List<string>();

        var consented = Call(now.AddDays(-3), rep, "Riley Chen", RecordingOutcome.RecordAfterConsent, ["US-CA", "US", "US-TX"]) with
        {
            Entity = "opportunity",
            RecordId = SeedData.Opportunities.FleetRenewal,
            CustomerId = contacts,
        };
        consented = consented with
        {
            ConsentEvents = [Event("disclosure-played", consented, 0, null, "tts", "US-CA"), Event("consent-granted", consented, 6, "granted", "keypad", "US-CA")],
            PausedSpans = [new PausedSpan(consented.CreatedAt.AddSeconds(12), consented.CreatedAt.AddSeconds(16), rep, "silence")],
        };
        stored.Add(await StoreAsync(services, consented));

        var oneParty = Call(now.AddDays(-3).AddHours(2), rep, "Riley Chen", RecordingOutcome.Record, ["US-TX", "US"]) with { CustomerId = SeedData.Contacts.TexasLandline };
        oneParty = oneParty with { PauseRefusals = [new PauseRefusal(oneParty.CreatedAt.AddSeconds(9), rep, "Twilio answered 409: the recording was not in progress")] };
        stored.Add(await StoreAsync(services, oneParty));

        var declined = Call(now.AddDays(-2), rep, "Riley Chen", RecordingOutcome.RecordAfterConsent, ["US-CA", "US", "US-TX"]) with { RecordingAllowed = false };
        await store.AddAsync(declined with { ConsentEvents = [Event("disclosure-played", declined, 0, null, "tts", "US-CA"), Event("consent-declined", declined, 5, "declined", "speech", "US-CA")] });

        var manual = Call(now.AddDays(-2).AddHours(3), manager, "Morgan Blake", RecordingOutcome.RecordAfterConsent, ["US-WA", "US"]) with
        {
            Entity = "lead",
            RecordId = SeedData.Leads.SeattleProspect,
            CustomerTable = "lead",
            CustomerId = SeedData.Leads.SeattleProspect,
        };
        await store.AddAsync(manual with
        {
            ConsentEvents = [Event("disclosure-played", manual, 0, null, "tts", "US-WA"), Event("consent-timeout", manual, 10, null, "keypad", "US-WA"), Event("manual-start", manual, 20, "granted", "rep", "US-WA")],
            ManualStart = new ManualStart(manager, manual.CreatedAt.AddSeconds(20), "The customer agreed out loud after I read the disclosure."),
            Recordings = [new CallRecording("RE" + new string('1', 32), "lost", Manual: true, WrittenToCrm: true, Problem: "Twilio deleted the recording before it was fetched")],
        });

        var notice = Call(now.AddDays(-1), manager, "Morgan Blake", RecordingOutcome.RecordAfterNotice, ["US-NV", "US"]) with { CustomerId = SeedData.Contacts.TexasLandline };
        await store.AddAsync(notice with { ConsentEvents = [Event("disclosure-played", notice, 0, null, "tts", "US-NV")] });

        await store.AddAsync(Call(now.AddDays(-1).AddHours(1), rep, "Riley Chen", RecordingOutcome.DoNotRecord, ["US-CA", "US"]) with { RecordingAllowed = false });
        return stored;
    }

    internal static CallRecord Call(DateTimeOffset at, Guid rep, string repName, RecordingOutcome decision, IReadOnlyList<string> jurisdictions) => new()
    {
        Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        Crm = "dynamics",
        Entity = "contact",
        RecordId = SeedData.Contacts.CaliforniaMobile,
        CustomerTable = "contact",
        CustomerId = SeedData.Contacts.CaliforniaMobile,
        RepUserId = rep,
        RepName = repName,
        CustomerPhone = "+14155550101",
        Decision = decision,
        Reasons = [$"{decision.ToWireName()}: the strictest rule applies in {jurisdictions[0]}."],
        Jurisdictions = jurisdictions,
        DecidingJurisdiction = jurisdictions[0],
        DecidingRule = decision switch
        {
            RecordingOutcome.Record => "one-party",
            RecordingOutcome.RecordAfterNotice => "notice-required",
            _ => "all-party",
        },
        RulesVersion = "2026.11",
        CallbackBase = new Uri("https://media.example.com/"),
        Language = "en-US",
        Status = CallStatus.Completed,
        RecordingAllowed = decision != RecordingOutcome.DoNotRecord,
        CreatedAt = at,
        EndedAt = at.AddSeconds(30),
        Seconds = 30,
    };

    private static ConsentEvent Event(string kind, CallRecord call, int second, string? answer, string method, string jurisdiction) =>
        new(kind, call.CreatedAt.AddSeconds(second), answer, method, answer is null ? null : "1", "consent-request", DisclosureVersion, "en-US", [jurisdiction], call.Id);

    private static async Task<string> StoreAsync(IServiceProvider services, CallRecord call)
    {
        var store = services.GetRequiredService<ICallStore>();
        await store.AddAsync(call);
        using var wav = new MemoryStream(DualChannelWav.Render(TimeSpan.FromSeconds(30), []));
        var id = (await services.GetRequiredService<RecordingVault>().ImportAsync(wav, new ImportRequest("test", CallId: call.Id))).Id.Value;
        await store.UpdateAsync(call.Id, c => c with
        {
            Recordings = [new CallRecording("RE" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), "stored", VaultId: id, Seconds: 30, StartedAt: call.CreatedAt, DeletedAtTwilio: true, WrittenToCrm: true)],
        });
        return id;
    }
}
