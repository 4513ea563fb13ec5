using System.Text.Json;
using CrmRecording.Core.Reports;

namespace CrmRecording.Core.Tests.Reports;

public sealed class ReportExampleTests
{
    [Fact]
    public void Example_InTheDocs_ReadsAsAReportAndWritesBackTheSameFields()
    {
        var path = Path.Combine(Root(), "docs", "reports", "compliance-example.json");
        var text = File.ReadAllText(path);

        var report = ReportJson.Read(text)!;

        Assert.Equal(4, report.Calls.Total);
        using var original = JsonDocument.Parse(text);
        using var written = JsonDocument.Parse(ReportJson.Write(report));
        Assert.Equal(Paths(original.RootElement, "$"), Paths(written.RootElement, "$"));
    }

    /// <summary>Every property path in the document (array items share one path), so a renamed or missing field shows.</summary>
    private static SortedSet<string> Paths(JsonElement element, string at)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal) { at };
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                paths.UnionWith(Paths(property.Value, $"{at}.{property.Name}"));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                paths.UnionWith(Paths(item, $"{at}[]"));
            }
        }

        return paths;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmRecordingAddin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (CrmRecordingAddin.sln) is not above the test's folder.");
    }
}
