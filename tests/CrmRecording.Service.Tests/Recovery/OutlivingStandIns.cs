using CrmRecording.Emulators.Dataverse;
using CrmRecording.Emulators.Twilio;
using CrmRecording.Service.Tests.Auth;

namespace CrmRecording.Service.Tests.Recovery;

/// <summary>
/// The Twilio and Dataverse stand-ins in the test process, so they outlive every service process the crash tests kill:
/// a call goes on ringing, recording and hanging up at "Twilio" while the service is dead, as it would for real.
/// </summary>
public sealed class OutlivingStandIns : IAsyncLifetime
{
    public const string CaliforniaNumber = "+14155550101";
    public const string CallerId = "+15005550006";

    public TwilioStandIn Twilio { get; } = new(new TwilioStandInOptions
    {
        AuthToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        Callees = { [CaliforniaNumber] = new CalleeScript(CalleeBehavior.PressesOne) },
    });

    public DataverseStandIn Dataverse { get; } = new();

    public async Task InitializeAsync()
    {
        await Twilio.StartAsync();
        await Dataverse.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Twilio.DisposeAsync();
        await Dataverse.DisposeAsync();
    }

    /// <summary>
    /// The service's settings for a run on <paramref name="port"/> over <paramref name="data"/>: the sandbox attached to
    /// the Dataverse stand-in, Twilio in remote mode against the Twilio stand-in (the production client and webhook
    /// checks unchanged), test tokens, and short leases and reconciliation rounds so recovery is quick.
    /// </summary>
    public Dictionary<string, string> Settings(int port, string data)
    {
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Service:DataDirectory"] = data,
            ["Sandbox:Dataverse:Url"] = Dataverse.BaseAddress.AbsoluteUri,
            ["Sandbox:Dataverse:AccessToken"] = Dataverse.Options.BearerToken,
            ["Dataverse:MaxRetries"] = "0",
            ["Twilio:Mode"] = "remote",
            ["Twilio:AccountSid"] = Twilio.Options.AccountSid,
            ["Twilio:AuthToken"] = Twilio.Options.AuthToken,
            ["Twilio:ApiBaseUrl"] = Twilio.BaseAddress.AbsoluteUri,
            ["Twilio:LookupBaseUrl"] = Twilio.BaseAddress.AbsoluteUri,
            ["Twilio:CallerId"] = CallerId,
            ["Twilio:PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
            ["Outbox:LeaseSeconds"] = "3",
            ["Outbox:RetryBaseMilliseconds"] = "100",
            ["Calls:ReconcileEverySeconds"] = "2",
            ["Calls:ReconcileAfterSeconds"] = "0",
        };
        foreach (var (key, value) in TestTokens.Settings())
        {
            settings[key] = value!;
        }

        return settings;
    }
}
