namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>The log scan itself: every way a number can be written is found, and ordinary log values are not taken for one.</summary>
public sealed class SensitiveTextTests
{
    [Theory]
    [InlineData("Dialling +14155550101 now")]
    [InlineData("to=+1 415 555 0101")]
    [InlineData("number +1-415-555-0101")]
    [InlineData("caller +44 20 7946 0958")]
    [InlineData("phone (415) 555-0101")]
    [InlineData("phone 415-555-0101")]
    [InlineData("phone 415.555.0101")]
    [InlineData("phone 415 555 0101")]
    [InlineData("raw 4155550101 digits")]
    public void Find_APhoneNumberInAnyFormat_IsFound(string line) =>
        Assert.NotNull(SensitiveText.Find(line, []));

    [Theory]
    [InlineData("Call 9f2c1e0a4b5d6e7f8091a2b3c4d5e6f7 placed: record-after-consent")]
    [InlineData("Request finished HTTP/1.1 GET http://127.0.0.1:41234/api/calls/5e000000-0000-4000-8000-000000000004 - 200 - 12.3456ms")]
    [InlineData("customerPhoneShown=0101, at 2026-12-07T09:00:00.0000000Z")]
    [InlineData("Outbox job twilio-recording done on attempt 1: ingested")]
    public void Find_OrdinaryLogValues_AreNotTakenForANumber(string line) =>
        Assert.Null(SensitiveText.Find(line, []));

    [Fact]
    public void Find_ASecretUsedByTheTest_IsFound() =>
        Assert.Equal("a secret or token", SensitiveText.Find("Bearer eyJhbGciOi.abc.def", ["eyJhbGciOi.abc.def"]));
}
