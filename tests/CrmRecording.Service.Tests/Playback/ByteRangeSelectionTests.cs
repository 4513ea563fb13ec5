using CrmRecording.Service.Playback;

namespace CrmRecording.Service.Tests.Playback;

public sealed class ByteRangeSelectionTests
{
    [Theory]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=100-", 100, 999)]
    [InlineData("bytes=-100", 900, 999)]
    [InlineData("bytes=-5000", 0, 999)]
    [InlineData("bytes=990-5000", 990, 999)]
    [InlineData("bytes=999-999", 999, 999)]
    [InlineData("Bytes= 10-19 ", 10, 19)]
    [InlineData("bytes=0-99999999999999999999999", 0, 999)]
    public void Select_OneSatisfiableRange_IsPartialAndClamped(string header, long start, long end)
    {
        var selection = ByteRangeSelection.Select(header, 1000);

        Assert.Equal(new ByteRangeSelection(ByteRangeKind.Partial, start, end), selection);
        Assert.Equal(end - start + 1, selection.Length);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=1000-2000")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=99999999999999999999999-")]
    public void Select_NothingInsideTheRepresentation_IsUnsatisfiable(string header) =>
        Assert.Equal(ByteRangeKind.Unsatisfiable, ByteRangeSelection.Select(header, 1000).Kind);

    [Fact]
    public void Select_AnyRangeOfAnEmptyRepresentation_IsUnsatisfiable()
    {
        Assert.Equal(ByteRangeKind.Unsatisfiable, ByteRangeSelection.Select("bytes=0-", 0).Kind);
        Assert.Equal(ByteRangeKind.Unsatisfiable, ByteRangeSelection.Select("bytes=-10", 0).Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bytes=0-9,20-29")]
    [InlineData("bytes=")]
    [InlineData("bytes=-")]
    [InlineData("bytes=5")]
    [InlineData("bytes=a-9")]
    [InlineData("bytes=+1-9")]
    [InlineData("bytes=1 0-20")]
    [InlineData("bytes=9-1")]
    [InlineData("items=0-9")]
    [InlineData("bytes 0-9")]
    public void Select_NoMultipleOrMalformedHeader_IsIgnoredForTheWhole(string? header) =>
        Assert.Equal(ByteRangeKind.Whole, ByteRangeSelection.Select(header, 1000).Kind);
}
