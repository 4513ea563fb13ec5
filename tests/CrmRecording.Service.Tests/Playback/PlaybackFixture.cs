using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Sandbox;
using CrmRecording.Service.Tests.Auth;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace CrmRecording.Service.Tests.Playback;

/// <summary>
/// The service in sandbox mode (the Dataverse stand-in with its seed users and roles, the real vault on SQLite
/// and local files), trusting <see cref="TestTokens.Issuer"/>, plus one CRM user the seed lacks: a rep with no
/// recording role who reports to the sales director, so the owner and manager rules can be seen on their own.
/// </summary>
public sealed class PlaybackFixture : IAsyncLifetime
{
    /// <summary>Taylor Quinn: Salesperson only, reports to the sales director.</summary>
    public static readonly Guid OtherRep = new("5e000000-0000-4000-8000-0000000000a1");

    public static readonly Guid OtherRepEntraId = new("aad00000-0000-4000-8000-0000000000a1");

    /// <summary>An Entra user with no CRM user.</summary>
    public static readonly Guid StrangerEntraId = new("aad00000-0000-4000-8000-0000000000ff");

    public ServiceFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        foreach (var (key, value) in TestTokens.Settings())
        {
            Factory.Settings[key] = value;
        }

        _ = Factory.CreateClient();
        var standIn = Factory.Services.GetRequiredService<SandboxDataverse>().StandIn;
        var taylor = new JsonObject
        {
            ["systemuserid"] = OtherRep.ToString("D"),
            ["firstname"] = "Taylor",
            ["lastname"] = "Quinn",
            ["fullname"] = "Taylor Quinn",
            ["azureactivedirectoryobjectid"] = OtherRepEntraId.ToString("D"),
            ["isdisabled"] = false,
        };
        DataverseStandIn.SetLookup(taylor, "parentsystemuserid", "systemusers", SeedData.Users.SalesDirector);
        standIn.PutRow("systemusers", taylor);
        standIn.Associate("systemusers", OtherRep, "systemuserroles_association", SeedData.Roles.Salesperson);
        return Task.CompletedTask;
    }

    public CrmRecording.Emulators.Dataverse.DataverseStandIn StandIn => Factory.Services.GetRequiredService<SandboxDataverse>().StandIn;

    /// <summary>Adds a CRM user holding <paramref name="role"/> directly; returns its systemuserid and Entra object id.</summary>
    public (Guid UserId, Guid EntraObjectId) AddUser(string name, Guid role)
    {
        var (id, oid) = (Guid.NewGuid(), Guid.NewGuid());
        StandIn.PutRow("systemusers", new JsonObject
        {
            ["systemuserid"] = id.ToString("D"),
            ["fullname"] = name,
            ["azureactivedirectoryobjectid"] = oid.ToString("D"),
            ["isdisabled"] = false,
            ["_parentsystemuserid_value"] = null,
        });
        StandIn.Associate("systemusers", id, "systemuserroles_association", role);
        return (id, oid);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public RecordingVault Vault => Factory.Services.GetRequiredService<RecordingVault>();

    public IMetadataStore Metadata => Factory.Services.GetRequiredService<IMetadataStore>();

    /// <summary>A client presenting a token of <see cref="TestTokens.Issuer"/> for the Entra user <paramref name="entraObjectId"/>.</summary>
    public HttpClient ClientFor(Guid entraObjectId, string subject = "subject-1") => WithToken(TestTokens.Mint(entraObjectId, subject));

    public HttpClient WithToken(string? token)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A call placed by <paramref name="rep"/> and its recording: <paramref name="bytes"/> of WAV-like audio spanning several 64 KiB chunks.</summary>
    public async Task<SeededRecording> SeedAsync(Guid rep, int bytes = 300_000, Func<CallRecord, CallRecord>? change = null)
    {
        var call = NewCall(rep);
        call = change?.Invoke(call) ?? call;
        await Factory.Services.GetRequiredService<ICallStore>().AddAsync(call);
        var audio = Audio(bytes);
        using var plaintext = new MemoryStream(audio);
        var record = await Vault.ImportAsync(plaintext, new ImportRequest("test", CallId: call.Id));
        return new SeededRecording(record.Id.Value, call, audio);
    }

    /// <summary>The audit events about a recording since it was imported.</summary>
    public async Task<IReadOnlyList<Vault.Audit.AuditEvent>> AuditOfAsync(string recordingId) =>
        [.. (await Metadata.ReadAuditAsync()).Where(e => e.Entry.RecordingId == recordingId && e.Entry.Action != "import")];

    /// <summary>A 44-byte RIFF/WAVE header (8 kHz, 16-bit mono) and a deterministic, non-repeating-per-chunk body.</summary>
    public static byte[] Audio(int length)
    {
        var audio = new byte[length];
        var header = "RIFF????WAVEfmt "u8.ToArray();
        header.CopyTo(audio, 0);
        for (var i = header.Length; i < length; i++)
        {
            audio[i] = unchecked((byte)((i * 31) ^ (i >> 8) ^ (i >> 16)));
        }

        return audio;
    }

    /// <summary>A completed, recorded call placed by <paramref name="rep"/> to the seeded Texas contact.</summary>
    public static CallRecord NewCall(Guid rep) => new()
    {
        Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        Crm = "dynamics",
        Entity = "contact",
        RecordId = SeedData.Contacts.TexasLandline,
        CustomerTable = "contact",
        CustomerId = SeedData.Contacts.TexasLandline,
        RepUserId = rep,
        CustomerPhone = "+12145550102",
        Decision = CrmRecording.Core.Decisions.RecordingOutcome.RecordAfterNotice,
        Reasons = ["US-TX: one-party consent (Tex. Penal Code § 16.02)", "Policy: always play a notice"],
        Jurisdictions = ["US-TX", "US"],
        RulesVersion = "test",
        CallbackBase = new Uri("https://media.example.com/"),
        Language = "en-US",
        Status = CrmRecording.Service.Calls.State.CallStatus.Completed,
        RecordingAllowed = true,
        CreatedAt = TimeProvider.System.GetUtcNow(),
    };
}

/// <summary>A recording in the vault, its call and its plaintext.</summary>
public sealed record SeededRecording(string Id, CallRecord Call, byte[] Audio)
{
    public Uri AudioUrl => new($"/api/recordings/{Id}/audio", UriKind.Relative);

    public Uri MetadataUrl => new($"/api/recordings/{Id}", UriKind.Relative);
}
