using CrmRecording.Emulators.OpenId;
using CrmRecording.Emulators.Salesforce.Seed;
using CrmRecording.Service.SignIn;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Sandbox;

/// <summary>
/// The sandbox's Salesforce sign-in: a second issuer whose page lists the sandbox Salesforce org's active users by
/// full name, and whose ID tokens name the User as Salesforce's do — <c>sub</c> the identity URL
/// <c>https://login.salesforce.com/id/ORG_ID/USER_ID</c>, with <c>user_id</c> and <c>organization_id</c>. Registered in
/// sandbox mode when no <c>Pages:SignIn:Salesforce:Authority</c> is configured.
/// </summary>
internal sealed class SandboxSalesforceOpenId(SandboxSalesforce salesforce, IServer server, IHostApplicationLifetime lifetime, IOptions<SalesforceSignInOptions> signIn, ILogger<SandboxSalesforceOpenId> log)
    : SandboxOpenIdProvider(PageSignIn.SalesforceOpenIdScheme, server, lifetime, log, Guid.Empty)
{
    protected override string CallbackPath => signIn.Value.CallbackPath;

    /// <summary>Active users other than the integration user the service itself runs as.</summary>
    protected override IReadOnlyList<OpenIdUser> ReadUsers() =>
    [
        .. salesforce.StandIn.Records("User")
            .Where(row => (bool?)row["IsActive"] != false && (string?)row["Id"] is { } id && id != SalesforceSeed.Users.Integration && !string.IsNullOrWhiteSpace((string?)row["Name"]))
            .Select(row => new OpenIdUser(Guid.Empty, (string)row["Name"]!, (string?)row["Username"] ?? (string)row["Id"]!)
            {
                Subject = $"https://login.salesforce.com/id/{SalesforceSeed.OrganizationId}/{(string)row["Id"]!}",
                Claims = new Dictionary<string, string> { ["user_id"] = (string)row["Id"]!, ["organization_id"] = SalesforceSeed.OrganizationId },
            })
            .OrderBy(u => u.Name, StringComparer.Ordinal),
    ];
}
