using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CrmRecording.Vault.Tests.Keys.AzureKeyVault;

/// <summary>HTTP responses shaped the way Key Vault sends them (JSON body, <c>x-ms-request-id</c>).</summary>
internal static class KeyVaultResponses
{
    public const string RequestId = "5c5f8ef2-8a1b-4b3f-9d1e-6f8a2b7c9d01";
    public const string ChallengeTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static HttpResponseMessage Json(HttpStatusCode status, string body)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        response.Headers.Add("x-ms-request-id", RequestId);
        return response;
    }

    public static HttpResponseMessage Ok(string body) => Json(HttpStatusCode.OK, body);

    public static HttpResponseMessage Error(HttpStatusCode status, string fixture) => Json(status, KeyVaultFixtures.Read(fixture));

    public static HttpResponseMessage Throttled(TimeSpan? retryAfter)
    {
        var response = Error(HttpStatusCode.TooManyRequests, KeyVaultFixtures.Throttled);
        if (retryAfter is { } delta)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delta);
        }

        return response;
    }

    /// <summary>The audience Key Vault names in its challenge: Managed HSM's for an HSM, the vaults' otherwise.</summary>
    public static string Audience(Uri uri) =>
        uri.Host.EndsWith(".managedhsm.azure.net", StringComparison.OrdinalIgnoreCase) ? "https://managedhsm.azure.net" : "https://vault.azure.net";

    /// <summary>The documented 401 challenge: <c>Bearer authorization="…", resource="…"</c>.</summary>
    public static HttpResponseMessage Challenge(string resource = "https://vault.azure.net", string fixture = KeyVaultFixtures.Unauthorized)
    {
        var response = Error(HttpStatusCode.Unauthorized, fixture);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue(
            "Bearer", $"authorization=\"https://login.microsoftonline.com/{ChallengeTenant}\", resource=\"{resource}\""));
        return response;
    }
}
