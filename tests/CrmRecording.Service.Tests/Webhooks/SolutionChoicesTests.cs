using System.Xml.Linq;
using CrmRecording.Service.Crm;

namespace CrmRecording.Service.Tests.Webhooks;

public sealed class SolutionChoicesTests
{
    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "pac.config")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("pac.config not found above the test output.");
    }

    [Fact]
    public void Columns_MatchTheSolutionsOptionSets()
    {
        foreach (var (column, names) in SolutionChoices.Columns)
        {
            var file = Path.Combine(Repository(), "solution-package", "dynamics", "OptionSets", column + ".xml");
            var options = XDocument.Load(file).Descendants("option")
                .Select(o => (Value: (int)o.Attribute("value")!, Wire: o.Descendants("Description").Select(d => (string?)d.Attribute("description")).First(t => t!.StartsWith("Wire name: ", StringComparison.Ordinal))![11..]))
                .ToList();
            Assert.Equal(names, options.Select(o => o.Wire));
            Assert.Equal(names.Select(n => SolutionChoices.ToValue(column, n)!.Value), options.Select(o => o.Value));
        }
    }

    [Fact]
    public void ToName_AcceptsOptionValuesAndNames()
    {
        Assert.Equal("granted", SolutionChoices.ToName("crr_consentstatus", "107340001"));
        Assert.Equal("declined", SolutionChoices.ToName("crr_consentstatus", "declined"));
        Assert.Null(SolutionChoices.ToName("crr_consentstatus", " "));
        Assert.Throws<ArgumentException>(() => SolutionChoices.ToValue("crr_devicetype", "pager"));
    }
}
