using System.CommandLine;
using System.Globalization;
using CrmRecording.Dataverse;
using CrmRecording.Dataverse.Authentication;
using CrmRecording.Plugins;

namespace CrmRecording.Cli.Dataverse;

/// <summary>
/// <c>crmrec dataverse register</c>: points the imported solution's webhook at the media service (URL and key),
/// creates or updates its steps through the Web API under the ids the solution pack uses, and the channel
/// provider that shows the media service's dialer in the side panel.
/// </summary>
internal static class DataverseCommand
{
    public static Command Create(TimeProvider time) => Create(time, Environment.GetEnvironmentVariable);

    /// <summary>For tests: credentials are read through <paramref name="environment"/> rather than the process environment.</summary>
    internal static Command Create(TimeProvider time, Func<string, string?> environment)
    {
        var url = new Option<string>("--url") { Description = $"The media service's base URL; the webhook is this URL + {RegisterSettings.WebhookPath}.", HelpName = "MEDIA_SERVICE_URL", Required = true };
        var key = new Option<string>("--key") { Description = $"The webhook key ({RegisterSettings.MinKeyLength}+ characters) the media service expects as Dataverse:WebhookKey (default: a new one, printed once).", HelpName = "KEY" };
        var environmentUrl = new Option<string>("--environment") { Description = "The Dataverse environment (default: environmentUrl in pac.config).", HelpName = "URL" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read what exists and print what would be created or updated; change nothing." };
        var channelOrder = new Option<int>("--channel-order") { Description = "The dialer's Channel Order on its channel provider (CIF 1.0 shows one provider, the lowest order first; default 0).", HelpName = "N", DefaultValueFactory = _ => 0 };
        var config = new Option<string>("--config") { Description = "pac.config to read (default: the nearest one at or above the current folder).", HelpName = "FILE" };
        var register = new Command(
            "register",
            "Create or update the media service's webhook (service endpoint), its steps, and the dialer's channel provider (msdyn_ciprovider) in a Dataverse environment. Credentials: Dataverse__TenantId, Dataverse__ClientId, Dataverse__ClientSecret (or Dataverse__StaticAccessToken for the local stand-in).")
        {
            url, key, environmentUrl, dryRun, config, channelOrder,
        };

        register.SetAction((parse, cancellationToken) =>
        {
            var input = new RegisterInput(
                parse.GetValue(url)!, parse.GetValue(key), parse.GetValue(environmentUrl), parse.GetValue(config), parse.GetValue(dryRun), Directory.GetCurrentDirectory(), parse.GetValue(channelOrder));
            return RunAsync(input, environment, time, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });

        return new Command("dataverse", "Administer the Dataverse environment the solution is imported into.") { register };
    }

    private static async Task<int> RunAsync(RegisterInput input, Func<string, string?> environment, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        RegisterSettings settings;
        try
        {
            settings = RegisterSettings.Resolve(input, environment);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"crmrec: {ex.Message}").ConfigureAwait(false);
            return CrmrecApp.InvalidInput;
        }

        using var http = new HttpClient();
        using var msal = settings.Client.StaticAccessToken is null ? new MsalDataverseTokenSource(settings.Client) : null;
        IDataverseTokenSource tokens = msal is null ? new StaticDataverseTokenSource(settings.Client.StaticAccessToken!) : msal;
        var client = new DataverseClient(http, tokens, settings.Client, time);
        try
        {
            await new WebhookRegistrar(client, settings, input.DryRun, output).RegisterAsync(PluginCatalog.Registrations, cancellationToken).ConfigureAwait(false);
            await new ChannelProviderRegistrar(client, settings, input.DryRun, output).RegisterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException ex)
        {
            await error.WriteLineAsync(Refusal(ex, client.ApiBase)).ConfigureAwait(false);
            return CrmrecApp.Failed;
        }

        if (settings.KeyGenerated)
        {
            await output.WriteLineAsync($"Webhook key (shown only now; set it as Dataverse__WebhookKey on the media service): {settings.Key}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{(input.DryRun ? "Dry run: nothing was changed in" : "Registered in")} {client.ApiBase}: 1 service endpoint, {PluginCatalog.Registrations.Count} steps, 1 channel provider.")).ConfigureAwait(false);
        return CrmrecApp.Ok;
    }

    private static string Refusal(DataverseException ex, Uri api)
    {
        var status = ex.Status == 0 ? "no response" : ex.Status.ToString(CultureInfo.InvariantCulture);
        var code = ex.ErrorCode is null ? string.Empty : $", code {ex.ErrorCode}";
        var request = ex.RequestId is null ? string.Empty : $" [request {ex.RequestId}]";
        var advice = ex.Status switch
        {
            0 => "Check --environment, the network and the Dataverse__ credentials.",
            401 => "Check Dataverse__TenantId, Dataverse__ClientId and Dataverse__ClientSecret, and that the app is an application user in this environment.",
            403 => "Assign the application user the System Customizer (or System Administrator) security role in this environment, then run again.",
            404 => "Import the solution into this environment first, then run again.",
            429 or 503 => "Dataverse is busy; run again later.",
            _ => "Fix the cause above and run again; rows already written are updated, not duplicated.",
        };
        return $"crmrec: Dataverse refused the registration at {api} (status {status}{code}): {ex.ServerMessage}{request}\n{advice}";
    }
}
