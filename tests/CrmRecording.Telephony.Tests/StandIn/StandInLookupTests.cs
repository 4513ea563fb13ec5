using CrmRecording.Core.Phones;

namespace CrmRecording.Telephony.Tests.StandIn;

/// <summary>Lookup v2 Line Type Intelligence from the stand-in, mapped to the consent engine's device types and cached by the client.</summary>
public sealed class StandInLookupTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> LineTypes = new(StringComparer.Ordinal)
    {
        ["+14155550101"] = "mobile",
        ["+14155550102"] = "landline",
        ["+14155550103"] = "fixedVoip",
        ["+14155550104"] = "nonFixedVoip",
        ["+18005550105"] = "tollFree",
        ["+14155550106"] = "pager",
        ["+14155550107"] = "satellitePhone",
    };

    private StandInSession session = null!;

    public async Task InitializeAsync() => session = await StandInSession.StartAsync(o =>
    {
        foreach (var (number, type) in LineTypes)
        {
            o.LineTypes[number] = type;
        }
    });

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Theory]
    [InlineData("+14155550101", "mobile", DeviceType.Mobile)]
    [InlineData("+14155550102", "landline", DeviceType.Landline)]
    [InlineData("+14155550103", "fixedVoip", DeviceType.FixedVoip)]
    [InlineData("+14155550104", "nonFixedVoip", DeviceType.NonFixedVoip)]
    [InlineData("+18005550105", "tollFree", DeviceType.TollFree)]
    [InlineData("+14155550106", "pager", DeviceType.Unknown)]
    [InlineData("+14155550107", "satellitePhone", DeviceType.Unknown)]
    public async Task LookupLineType_ConfiguredType_MapsToDeviceTypeKeepingTwiliosWord(string number, string type, DeviceType expected)
    {
        var info = await session.Client.LookupLineTypeAsync(number);

        Assert.Equal((number, type, expected), (info.PhoneNumber, info.Type, info.DeviceType));
        Assert.Equal("Twilio stand-in", info.CarrierName);
        Assert.Equal(StandInSession.Start, info.FetchedAt);
        var request = Assert.Single(session.StandIn.Requests.All);
        Assert.Equal(("GET", $"/v2/PhoneNumbers/{number}", "?Fields=line_type_intelligence"), (request.Method, request.Path, request.Query));
    }

    [Fact]
    public async Task LookupLineType_SameNumberTwice_SecondAnswerComesFromTheCache()
    {
        var first = await session.Client.LookupLineTypeAsync("+14155550102");
        var second = await session.Client.LookupLineTypeAsync("+14155550102");

        Assert.Equal(first, second);
        Assert.Single(session.StandIn.Requests.All);
    }

    [Fact]
    public async Task LookupLineType_AfterTheCacheDuration_AsksTwilioAgain()
    {
        await session.Client.LookupLineTypeAsync("+14155550101");
        session.ClientTime.Advance(session.Options.LookupCacheDuration);

        await session.Client.LookupLineTypeAsync("+14155550101");

        Assert.Equal(2, session.StandIn.Requests.All.Count);
    }
}
