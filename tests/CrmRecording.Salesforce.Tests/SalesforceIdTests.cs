namespace CrmRecording.Salesforce.Tests;

/// <summary>15-character ids gain Salesforce's case-safe suffix, so both forms of a record compare equal.</summary>
public sealed class SalesforceIdTests
{
    [Theory]
    // Ids the REST API documentation returns (create and query examples), and two worked examples of CASESAFEID.
    [InlineData("001D000000IqhSL", "001D000000IqhSLIAZ")]
    [InlineData("0031U00000Jajao", "0031U00000JajaoQAB")]
    [InlineData("0019000000B98de", "0019000000B98deAAB")]
    [InlineData("a0D30000001n7Pi", "a0D30000001n7PiEAI")]
    public void Parse_FifteenCharacters_AddsTheDocumentedSuffix(string id15, string id18)
    {
        Assert.Equal(id18, SalesforceId.Parse(id15).Value);
        Assert.Equal(SalesforceId.Parse(id18), SalesforceId.Parse(id15));
    }

    [Theory]
    [InlineData("0019000000B98d")]
    [InlineData("0019000000B98de'")]
    [InlineData("0019000000B98deAAB ")]
    [InlineData("0019000000B98de' OR Id != '")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAnId_IsRefused(string? text)
    {
        Assert.False(SalesforceId.TryParse(text, out _));
    }

    [Fact]
    public void KeyPrefix_NamesTheObject()
    {
        Assert.Equal("003", SalesforceId.Parse("0031U00000JajaoQAB").KeyPrefix);
    }
}
