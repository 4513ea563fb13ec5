using System.Net;
using System.Text.Json;
using CrmRecording.Emulators.OpenId;

namespace CrmRecording.Emulators.Tests.OpenId;

/// <summary>Users with a fixed subject: the provider issues ID tokens as Salesforce does (the identity URL as <c>sub</c>, its own claims, no <c>oid</c>).</summary>
public sealed class SalesforceStyleUserTests
{
    private static readonly OpenIdUser Riley = new(Guid.Empty, "Riley Chen", "riley.chen@crmrecording.example")
    {
        Subject = "https://login.salesforce.com/id/00DSd0000000001IAA/005Sd0000000004IAA",
        Claims = new Dictionary<string, string> { ["user_id"] = "005Sd0000000004IAA", ["organization_id"] = "00DSd0000000001IAA" },
    };

    private static readonly OpenIdUser Sam = new(Guid.Empty, "Sam Okafor", "sam.okafor@crmrecording.example")
    {
        Subject = "https://login.salesforce.com/id/00DSd0000000001IAA/005Sd0000000005IAA",
    };

    [Fact]
    public async Task SignIn_UserWithASubject_IdTokenCarriesThatSubjectAndClaimsAndNoOid()
    {
        await using var session = await OpenIdSession.StartAsync(users: [Sam, Riley]);

        var (redirect, verifier) = await session.SignInAsync(Riley);
        var response = await session.RedeemAsync(OpenIdSession.Query(redirect)["code"], verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var idToken = (await OpenIdSession.JsonAsync(response)).GetProperty("id_token").GetString()!;
        var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(idToken.Split('.')[1])).RootElement;
        Assert.Equal(Riley.Subject, claims.GetProperty("sub").GetString());
        Assert.Equal("005Sd0000000004IAA", claims.GetProperty("user_id").GetString());
        Assert.Equal("00DSd0000000001IAA", claims.GetProperty("organization_id").GetString());
        Assert.Equal("Riley Chen", claims.GetProperty("name").GetString());
        Assert.False(claims.TryGetProperty("oid", out _));
        Assert.False(claims.TryGetProperty("tid", out _));
    }
}
