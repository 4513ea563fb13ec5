using CrmRecording.Emulators.Dataverse.Seed;
using CrmRecording.Emulators.OpenId;
using CrmRecording.Service.SignIn;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox's Entra ID: a sign-in page listing the sandbox Dataverse's users, each with the Entra object id on
/// their CRM row. Registered only in sandbox mode when no <c>Pages:SignIn:Authority</c> is configured.
/// </summary>
internal sealed class SandboxOpenId(SandboxDataverse dataverse, IServer server, IHostApplicationLifetime lifetime, IOptions<SignInOptions> signIn, ILogger<SandboxOpenId> log)
    : SandboxOpenIdProvider(PageSignIn.OpenIdScheme, server, lifetime, log, SeedData.TenantId)
{
    protected override string CallbackPath => signIn.Value.CallbackPath;

    /// <summary>People of the CRM who can sign in: enabled users with an Entra object id, not the application user.</summary>
    protected override IReadOnlyList<OpenIdUser> ReadUsers() => dataverse.Attached ? [] :
    [
        .. dataverse.StandIn.GetRows("systemusers")
            .Where(row => (bool?)row["isdisabled"] != true && !IsApplicationUser(row))
            .Select(row => (Row: row, Oid: Guid.TryParse((string?)row["azureactivedirectoryobjectid"], out var oid) ? oid : Guid.Empty))
            .Where(u => u.Oid != Guid.Empty && !string.IsNullOrWhiteSpace((string?)u.Row["fullname"]))
            .Select(u => new OpenIdUser(u.Oid, (string)u.Row["fullname"]!, (string?)u.Row["internalemailaddress"] ?? (string?)u.Row["domainname"] ?? u.Oid.ToString("D")))
            .OrderBy(u => u.Name, StringComparer.Ordinal),
    ];

    /// <summary>The service's own identity in the CRM (an application user): nobody signs in as it.</summary>
    private static bool IsApplicationUser(System.Text.Json.Nodes.JsonObject row) =>
        row["applicationid"] is not null || (Guid.TryParse((string?)row["systemuserid"], out var id) && id == SeedData.Users.Application);
}
