using System.Net;
using System.Text.Json;

namespace CrmRecording.Emulators.Tests.Twilio;

/// <summary>Lookup v2 line type intelligence in the documented response shape.</summary>
public sealed class LookupTests : IAsyncLifetime
{
    private TwilioSession session = null!;

    public async Task InitializeAsync() => session = await TwilioSession.StartAsync(o => o.LineTypes["+14159929960"] = "nonFixedVoip");

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task Lookup_LineTypeIntelligence_AnswersTheDocumentedShape()
    {
        using var response = await session.Http.GetAsync("v2/PhoneNumbers/+14159929960?Fields=line_type_intelligence");
        var body = await TwilioSession.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sample = DocumentedSample();
        Assert.Equal(
            sample.EnumerateObject().Select(p => p.Name),
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            sample.GetProperty("line_type_intelligence").EnumerateObject().Select(p => p.Name).Order(),
            body.GetProperty("line_type_intelligence").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("1", body.GetProperty("calling_country_code").GetString());
        Assert.Equal("US", body.GetProperty("country_code").GetString());
        Assert.Equal("+14159929960", body.GetProperty("phone_number").GetString());
        Assert.Equal("(415) 992-9960", body.GetProperty("national_format").GetString());
        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Equal("nonFixedVoip", body.GetProperty("line_type_intelligence").GetProperty("type").GetString());
        Assert.EndsWith("/v2/PhoneNumbers/+14159929960", body.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Lookup_NumberNotConfigured_ReportsTheDefaultLineType()
    {
        using var response = await session.Http.GetAsync("v2/PhoneNumbers/+447700900123?Fields=line_type_intelligence");
        var body = await TwilioSession.JsonAsync(response);

        Assert.Equal("mobile", body.GetProperty("line_type_intelligence").GetProperty("type").GetString());
        Assert.Equal("44", body.GetProperty("calling_country_code").GetString());
        Assert.Equal("GB", body.GetProperty("country_code").GetString());
    }

    [Fact]
    public async Task Lookup_FieldNotRequested_LeavesLineTypeNull()
    {
        using var response = await session.Http.GetAsync("v2/PhoneNumbers/+14159929960");
        var body = await TwilioSession.JsonAsync(response);

        Assert.Equal(JsonValueKind.Null, body.GetProperty("line_type_intelligence").ValueKind);
    }

    [Fact]
    public async Task Lookup_WithoutCredentials_Answers401()
    {
        using var anonymous = new HttpClient { BaseAddress = session.StandIn.BaseAddress };
        using var response = await anonymous.GetAsync("v2/PhoneNumbers/+14159929960?Fields=line_type_intelligence");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static JsonElement DocumentedSample()
    {
        using var document = JsonDocument.Parse(TwilioSamples.LookupLineTypeIntelligence);
        return document.RootElement.Clone();
    }
}
