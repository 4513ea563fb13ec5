using System.Net;
using CrmRecording.Dataverse.PhoneCalls;
using CrmRecording.Dataverse.Tests.Support;

namespace CrmRecording.Dataverse.Tests;

/// <summary>Notes and consent log rows: the consent evidence attached to a phone call.</summary>
public sealed class DataverseClientEvidenceTests
{
    private static readonly Guid CallId = Guid.Parse("7eb682f1-ca75-e511-80d4-00155d2a68d1");

    [Fact]
    public async Task CreateNoteAsync_OnPhoneCall_PostsAnnotationBoundToTheCall()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.Created, """{"annotationid":"3c6e4b5f-86f6-e411-80dd-00155d2a68cb"}"""));

        var id = await h.Client.CreateNoteAsync(RowReference.PhoneCall(CallId), "Recording consent", "Disclosure v3 played at 09:00:04Z; customer pressed 1.");

        Assert.Equal(Guid.Parse("3c6e4b5f-86f6-e411-80dd-00155d2a68cb"), id);
        var request = h.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{ClientHarness.Api}annotations?$select=annotationid", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        Assert.Equal("return=representation", request.Header("Prefer"));
        ClientHarness.AssertJsonBody(request, """
            {
              "subject": "Recording consent",
              "notetext": "Disclosure v3 played at 09:00:04Z; customer pressed 1.",
              "objectid_phonecall@odata.bind": "/phonecalls(7eb682f1-ca75-e511-80d4-00155d2a68d1)"
            }
            """);
    }

    [Fact]
    public async Task CreateConsentLogAsync_Event_WritesColumnsInUtcAndBindsPhoneCall()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Empty(
            HttpStatusCode.NoContent, ("OData-EntityId", $"{ClientHarness.Api}crr_consentlogs(2e28bcb4-bb27-ed11-9db1-002248274ada)")));

        var id = await h.Client.CreateConsentLogAsync(new ConsentLogRow(
            CallId, "consent-answered", "yes", "keypad", "US-CA US-NV", "disclosure-v3", "CA5f1e0a9b8c7d6e5f4a3b2c1d0e9f8a7b",
            new DateTimeOffset(2026, 11, 22, 1, 0, 4, TimeSpan.FromHours(-8))));

        Assert.Equal(Guid.Parse("2e28bcb4-bb27-ed11-9db1-002248274ada"), id);
        var request = h.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{ClientHarness.Api}crr_consentlogs?$select=crr_consentlogid", request.Uri);
        ClientHarness.AssertODataHeaders(request);
        ClientHarness.AssertJsonBody(request, """
            {
              "crr_event": "consent-answered",
              "crr_answer": "yes",
              "crr_method": "keypad",
              "crr_jurisdictions": "US-CA US-NV",
              "crr_disclosureversion": "disclosure-v3",
              "crr_callid": "CA5f1e0a9b8c7d6e5f4a3b2c1d0e9f8a7b",
              "crr_at": "2026-11-22T09:00:04Z",
              "crr_PhoneCallId@odata.bind": "/phonecalls(7eb682f1-ca75-e511-80d4-00155d2a68d1)"
            }
            """);
    }

    [Fact]
    public async Task CreateConsentLogAsync_NoAnswerYet_SendsNulls()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.Created, """{"crr_consentlogid":"2e28bcb4-bb27-ed11-9db1-002248274ada"}"""));

        await h.Client.CreateConsentLogAsync(new ConsentLogRow(
            CallId, "disclosure-played", null, null, "US-CA", "disclosure-v3", "CA1", new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)));

        Assert.Contains("\"crr_answer\":null,\"crr_method\":null", h.Single.Body, StringComparison.Ordinal);
    }
}
