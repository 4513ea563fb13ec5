using System.Net;
using System.Text.Json;
using CrmRecording.Core.Phones;
using CrmRecording.Telephony.Lookup;
using CrmRecording.Telephony.Tests.Support;
using CrmRecording.Testing.Http;

namespace CrmRecording.Telephony.Tests;

/// <summary>Lookup v2 Line Type Intelligence, and the cache that keeps each (billed) answer for a while.</summary>
public sealed class TwilioClientLookupTests
{
    private const string Number = "+14159929960";

    [Fact]
    public async Task LookupLineType_TwilioExample_GetsEscapedNumberWithFieldsAndMapsNonFixedVoip()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(LookupSample);

        var info = await h.Client.LookupLineTypeAsync(Number);

        Assert.Equal("GET", h.Single.Method);
        Assert.Equal("https://lookups.twilio.com/v2/PhoneNumbers/%2B14159929960?Fields=line_type_intelligence", h.Single.Uri);
        Assert.Equal(ClientHarness.Basic(ClientHarness.AccountSid, ClientHarness.AuthToken), h.Single.Header("Authorization"));
        Assert.Equal(new LineTypeInfo(Number, "nonFixedVoip", "Twilio - SMS/MMS-SVR", DeviceType.NonFixedVoip, h.Time.Now), info);
    }

    [Theory]
    [InlineData("landline", DeviceType.Landline)]
    [InlineData("mobile", DeviceType.Mobile)]
    [InlineData("fixedVoip", DeviceType.FixedVoip)]
    [InlineData("nonFixedVoip", DeviceType.NonFixedVoip)]
    [InlineData("tollFree", DeviceType.TollFree)]
    [InlineData("personal", DeviceType.Unknown)]
    [InlineData("premium", DeviceType.Unknown)]
    [InlineData("sharedCost", DeviceType.Unknown)]
    [InlineData("uan", DeviceType.Unknown)]
    [InlineData("voicemail", DeviceType.Unknown)]
    [InlineData("pager", DeviceType.Unknown)]
    [InlineData("unknown", DeviceType.Unknown)]
    [InlineData("satellite", DeviceType.Unknown)]
    public async Task LookupLineType_TwilioType_MapsToDeviceTypeAndKeepsTheRawType(string type, DeviceType expected)
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, $$"""{"phone_number":"{{Number}}","valid":true,"line_type_intelligence":{"type":"{{type}}","carrier_name":"Carrier","error_code":null} }"""));

        var info = await h.Client.LookupLineTypeAsync(Number);

        Assert.Equal(expected, info.DeviceType);
        Assert.Equal(type, info.Type);
    }

    [Fact]
    public async Task LookupLineType_NoLineTypeIntelligence_IsUnknownWithoutType()
    {
        using var h = new ClientHarness();
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.OK, $$"""{"phone_number":"{{Number}}","valid":false,"line_type_intelligence":null}"""));

        var info = await h.Client.LookupLineTypeAsync(Number);

        Assert.Equal((DeviceType.Unknown, null, null), (info.DeviceType, info.Type, info.CarrierName));
    }

    [Fact]
    public async Task LookupLineType_SameNumberAgainWithinCacheDuration_SendsNoSecondRequest()
    {
        using var h = new ClientHarness(o => o.LookupCacheDuration = TimeSpan.FromDays(30));
        h.Handler.Reply(LookupSample);

        var first = await h.Client.LookupLineTypeAsync(Number);
        h.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        var second = await h.Client.LookupLineTypeAsync(Number);

        Assert.Same(first, second);
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task LookupLineType_AfterCacheDuration_LooksUpAgain()
    {
        using var h = new ClientHarness(o => o.LookupCacheDuration = TimeSpan.FromDays(30));
        h.Handler.Reply(LookupSample).Reply(LookupSample);

        var first = await h.Client.LookupLineTypeAsync(Number);
        h.Time.Advance(TimeSpan.FromDays(30));
        var second = await h.Client.LookupLineTypeAsync(Number);

        Assert.Equal(2, h.Handler.Requests.Count);
        Assert.Equal(first.FetchedAt + TimeSpan.FromDays(30), second.FetchedAt);
    }

    [Fact]
    public async Task LookupLineType_ConcurrentLookupsOfOneNumber_SendOneRequest()
    {
        using var h = new ClientHarness();
        var release = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Handler.ReplyAsync(_ => release.Task);

        var lookups = Enumerable.Range(0, 8).Select(_ => h.Client.LookupLineTypeAsync(Number)).ToList();
        await WaitUntil(() => h.Handler.Requests.Count == 1);
        release.SetResult(LookupSample());
        var answers = await Task.WhenAll(lookups);

        Assert.Single(h.Handler.Requests);
        Assert.All(answers, a => Assert.Same(answers[0], a));
    }

    [Fact]
    public async Task LookupLineType_OneCallerCancels_OthersStillGetTheAnswer()
    {
        using var h = new ClientHarness();
        var release = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Handler.ReplyAsync(_ => release.Task);
        using var cancel = new CancellationTokenSource();

        var cancelled = h.Client.LookupLineTypeAsync(Number, cancel.Token);
        var waiting = h.Client.LookupLineTypeAsync(Number);
        await WaitUntil(() => h.Handler.Requests.Count == 1);
        await cancel.CancelAsync();
        release.SetResult(LookupSample());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(DeviceType.NonFixedVoip, (await waiting).DeviceType);
    }

    [Fact]
    public async Task LookupLineType_FailedLookup_IsNotCached()
    {
        using var h = new ClientHarness(o => o.MaxRetries = 0);
        h.Handler.Reply(() => Responses.Json(HttpStatusCode.Unauthorized, """{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""")).Reply(LookupSample);

        var e = await Assert.ThrowsAsync<TwilioException>(() => h.Client.LookupLineTypeAsync(Number));
        var info = await h.Client.LookupLineTypeAsync(Number);

        Assert.Equal(20003, e.Code);
        Assert.Equal(DeviceType.NonFixedVoip, info.DeviceType);
        Assert.Equal(2, h.Handler.Requests.Count);
    }

    [Theory]
    [InlineData("4159929960")]
    [InlineData("+1 415 992 9960")]
    [InlineData("")]
    public async Task LookupLineType_NotE164_ThrowsWithoutSending(string number)
    {
        using var h = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.LookupLineTypeAsync(number));

        Assert.Empty(h.Handler.Requests);
    }

    private static HttpResponseMessage LookupSample()
    {
        using var sample = JsonDocument.Parse(Samples.Text("twilio-lookup-v2-line-type-intelligence.json"));
        return Responses.Json(HttpStatusCode.OK, sample.RootElement.GetProperty("response").GetRawText());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
