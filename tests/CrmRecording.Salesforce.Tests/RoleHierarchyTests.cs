using CrmRecording.Salesforce.Users;

namespace CrmRecording.Salesforce.Tests;

/// <summary>"Above in the role hierarchy": ancestors only, not peers, not oneself, not below; a cycle ends the walk.</summary>
public sealed class RoleHierarchyTests
{
    private static readonly SalesforceId Ceo = Id("00E000000000CEO"), Vp = Id("00E0000000000VP"), Manager = Id("00E000000000MGR"), Rep = Id("00E00000000REP1"), OtherRep = Id("00E00000000REP2");

    private static readonly RoleHierarchy Tree = new([
        new(Ceo, "CEO", null),
        new(Vp, "VP Sales", Ceo),
        new(Manager, "Sales Manager", Vp),
        new(Rep, "Sales Rep", Manager),
        new(OtherRep, "Sales Rep East", Manager),
    ]);

    [Theory]
    [InlineData("00E000000000MGR", true)]
    [InlineData("00E000000000CEO", true)]
    [InlineData("00E00000000REP2", false)]
    [InlineData("00E00000000REP1", false)]
    public void IsAbove_TheRepsRole_OnlyForAncestors(string upper, bool expected)
    {
        Assert.Equal(expected, Tree.IsAbove(Id(upper), Rep));
    }

    [Fact]
    public void IsAbove_ReversedPair_IsFalse()
    {
        Assert.False(Tree.IsAbove(Rep, Ceo));
    }

    [Fact]
    public void IsAbove_CycleInTheData_EndsWithoutLooping()
    {
        var looped = new RoleHierarchy([new(Vp, "A", Manager), new(Manager, "B", Vp)]);

        Assert.False(looped.IsAbove(Ceo, Manager));
    }

    private static SalesforceId Id(string id) => SalesforceId.Parse(id);
}
