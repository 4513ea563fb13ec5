using System.Diagnostics;
using System.Text;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Location;
using CrmRecording.Core.Phones;
using CrmRecording.Core.Policy;
using Xunit.Abstractions;

namespace CrmRecording.Core.Tests.Phones.Differential;

/// <summary>
/// Our reading of phone numbers against libphonenumber-csharp's, on more than 50,000 generated inputs. Every
/// disagreement is classed and counted (the table is printed and written to phone-differential.md next to
/// the test assembly); the test fails on any input where our reading leads to a less strict decision than
/// libphonenumber's — for a one-party rep in Texas under a policy that does not announce one-party calls, so
/// that one-party, notice and all-party places all decide differently — unless the allow-list says why ours is right.
/// </summary>
public sealed class PhoneDifferentialTests(ITestOutputHelper output)
{
    private static readonly ConsentEngine Engine = ConsentEngine.Create(RecordingPolicy.Default with { AlwaysAnnounce = false });

    [Fact]
    public void Parse_GeneratedCorpus_IsNeverLessStrictThanLibphonenumber()
    {
        var clock = Stopwatch.StartNew();
        var inputs = PhoneInputCorpus.Build();
        Assert.True(inputs.Count >= 50_000, $"only {inputs.Count} inputs");
        var disagreements = new List<Disagreement>();
        var longestSource = string.Empty;
        foreach (var input in inputs)
        {
            var ours = Readers.Ours(input);
            if (!ours.IsRefused)
            {
                var source = LocationResolver.Default.FromPhone(ToE164(ours.E164!), DeviceType.Unknown).Source;
                longestSource = source.Length > longestSource.Length ? source : longestSource;
            }

            var lib = Readers.Libphonenumber(input);
            if (Disagreement.Classify(ours, lib) is { } kind)
            {
                disagreements.Add(new Disagreement(input, ours, lib, kind, OutcomeOf(ours), OutcomeOf(lib)));
            }
        }

        var table = Table(inputs, disagreements, clock.Elapsed);
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "phone-differential.md"), table);
        // The strongest evidence is written to the CRM's 200-character location-source column.
        Assert.True(longestSource.Length <= 200, $"{longestSource.Length} characters: {longestSource}");
        var failures = disagreements.Where(d => d.LessStrict && AllowList.Reason(d) is null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} inputs read less strictly than libphonenumber, e.g.:\n" + string.Join("\n", failures.Take(40).Select(Describe)));
    }

    private static RecordingOutcome OutcomeOf(Reading reading)
    {
        // A refused number leaves the customer's location unknown, as strict as an invalid one.
        var facts = reading.IsRefused
            ? new CustomerFacts()
            : new CustomerFacts(ToE164(reading.E164!)) { PhoneInfo = reading.Info };
        return Engine.Decide(new DecisionInput(facts, ConsentRecord.None, false, JurisdictionCode.Parse("US-TX"), Calls.Today)).LegalOutcome;
    }

    private static E164Number ToE164(string e164)
    {
        var digits = e164[1..];
        var code = PhoneNumberingPlan.Default.CallingCodeAt(digits);
        return new E164Number(digits, code < 10 ? 1 : code < 100 ? 2 : 3);
    }

    private static string Describe(Disagreement d) =>
        $"  [{d.Input.Form}] '{d.Input.Raw}' in {d.Input.Region ?? "-"}: ours {d.Ours} → {d.OursOutcome}; libphonenumber {d.Libphonenumber} → {d.LibOutcome}";

    private static string Table(IReadOnlyList<PhoneInput> inputs, List<Disagreement> disagreements, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        var total = inputs.Count;
        sb.AppendLine($"Phone readings compared with libphonenumber-csharp: {total:N0} inputs, {total - disagreements.Count:N0} read alike, {disagreements.Count:N0} read differently ({elapsed.TotalSeconds:F1} s).");
        sb.AppendLine();
        sb.AppendLine("Inputs by form: " + string.Join(", ", inputs.GroupBy(i => i.Form).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}")) + ".");
        sb.AppendLine();
        sb.AppendLine("| class | inputs | forms (most frequent) | less strict | allowed |");
        sb.AppendLine("|---|---:|---|---:|---:|");
        foreach (var group in disagreements.GroupBy(d => d.Class).OrderByDescending(g => g.Count()))
        {
            var forms = string.Join(", ", group.GroupBy(d => d.Input.Form).OrderByDescending(f => f.Count()).Take(3).Select(f => $"{f.Key} {f.Count()}"));
            var less = group.Count(d => d.LessStrict);
            var allowed = group.Count(d => d.LessStrict && AllowList.Reason(d) is not null);
            sb.AppendLine($"| {group.Key} | {group.Count():N0} | {forms} | {less:N0} | {allowed:N0} |");
        }

        sb.AppendLine();
        sb.AppendLine("Examples (up to 3 per class):");
        foreach (var group in disagreements.GroupBy(d => d.Class).OrderByDescending(g => g.Count()))
        {
            sb.AppendLine($"- {group.Key}");
            foreach (var d in group.OrderByDescending(d => d.LessStrict).Take(3))
            {
                sb.AppendLine(Describe(d));
            }
        }

        return sb.ToString();
    }
}
