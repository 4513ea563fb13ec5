using System.Text.Json.Nodes;
using CrmRecording.Cli.Solution;
using CrmRecording.Dataverse;

namespace CrmRecording.Cli.Dataverse;

/// <summary>
/// Creates or updates the Channel Integration Framework 1.0 provider (<c>msdyn_ciprovider</c>) that shows the
/// media service's dialer page in Dynamics 365's side panel: found by its name, so a second run (or a provider an
/// admin made by hand under that name) is updated rather than duplicated. The solution's dialer role is added to
/// the roles already selected; the Unified Interface apps are left as the admin chose them.
/// </summary>
internal sealed class ChannelProviderRegistrar(DataverseClient client, RegisterSettings settings, bool dryRun, TextWriter output)
{
    public const string EntitySet = "msdyn_ciproviders";

    /// <summary><c>msdyn_name</c>: the provider's key for this command.</summary>
    public const string ProviderName = "crr_RecordingDialer";

    /// <summary><c>msdyn_label</c>: the panel's title.</summary>
    public const string Label = "Call recording";

    /// <summary>The role (Roles/Recording Dialer User.xml) that may see the panel and read the provider.</summary>
    public const string DialerRole = "Recording Dialer User";

    /// <summary>The dialer page's route on the media service.</summary>
    public const string DialerPath = "/crm/dynamics/dialer";

    /// <summary><c>msdyn_ciproviderapiversion</c> option 0 is API version 1.0 (option 1 is 2.0): Dynamics 365 Sales runs CIF 1.0.</summary>
    public const int ApiVersion10 = 0;

    /// <summary>The id a new provider gets (the same in every environment).</summary>
    public static Guid ProviderId { get; } = NameBasedGuid.Create(NameBasedGuid.SolutionNamespace, "msdyn_ciprovider/" + ProviderName);

    /// <summary><c>{service}/crm/dynamics/dialer?base={org}</c>: the page checks <c>base</c> against its allowed org hosts before loading the org's CIF library.</summary>
    public static string ChannelUrl(Uri service, Uri environment) =>
        $"{service.AbsoluteUri.TrimEnd('/')}{DialerPath}?base={environment.GetLeftPart(UriPartial.Authority)}";

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var roles = await client.QueryAsync("roles", $"$select=roleid&$filter=name eq '{DialerRole}'", cancellationToken).ConfigureAwait(false);
        if (roles.Count == 0)
        {
            throw new DataverseException(404, null, $"The security role '{DialerRole}' does not exist: the solution that brings it is not imported.", null);
        }

        var existing = await client.QueryAsync(EntitySet, $"$select=msdyn_ciproviderid,msdyn_roleselector&$filter=msdyn_name eq '{ProviderName}'", cancellationToken).ConfigureAwait(false);
        if (existing.Count > 1)
        {
            throw new DataverseException(409, null, $"{existing.Count} channel providers are named {ProviderName}; delete all but one, then run again.", null);
        }

        var current = existing.Count == 1 ? existing[0] : null;
        var id = current is null ? ProviderId : Guid.Parse(current["msdyn_ciproviderid"]!.GetValue<string>());
        var landing = ChannelUrl(settings.ServiceUrl, settings.Client.EnvironmentUrl!);
        var body = new JsonObject
        {
            ["msdyn_name"] = ProviderName,
            ["msdyn_label"] = Label,
            ["msdyn_landingurl"] = landing,
            ["msdyn_clicktoact"] = true,
            ["msdyn_ciproviderapiversion"] = ApiVersion10,
            ["msdyn_sortorder"] = settings.ChannelOrder,
            ["msdyn_trusteddomain"] = settings.ServiceUrl.GetLeftPart(UriPartial.Authority),
            ["msdyn_roleselector"] = RoleSelector(current?["msdyn_roleselector"]?.GetValue<string>(), roles.Select(r => r["roleid"]!.GetValue<string>())),
        };

        if (!dryRun)
        {
            if (current is null)
            {
                body["msdyn_ciproviderid"] = id.ToString("D");
                await client.CreateRowAsync(EntitySet, body, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.UpdateRowAsync(EntitySet, id, body, cancellationToken).ConfigureAwait(false);
            }
        }

        var verb = (current is null, dryRun) switch
        {
            (true, true) => "Would create",
            (false, true) => "Would update",
            (true, false) => "Created",
            (false, false) => "Updated",
        };
        await output.WriteLineAsync($"{verb} channel provider {ProviderName} ({Label}, CIF 1.0, outbound on) -> {landing}, roles: {DialerRole} [{id:D}]").ConfigureAwait(false);
    }

    /// <summary>The roles already selected (semicolon-separated role ids), then any of the dialer role's ids (one per business unit) not among them.</summary>
    internal static string RoleSelector(string? existing, IEnumerable<string> dialerRoleIds)
    {
        var ids = (existing ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var id in dialerRoleIds)
        {
            if (!ids.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                ids.Add(id);
            }
        }

        return string.Join(';', ids);
    }
}
