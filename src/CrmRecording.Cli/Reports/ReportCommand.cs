using System.CommandLine;
using System.Text;
using CrmRecording.Cli.Vault;
using CrmRecording.Core.Reports;
using CrmRecording.Service.Reports;

namespace CrmRecording.Cli.Reports;

/// <summary>
/// <c>crmrec report compliance</c>: the compliance report from the same stores the service uses (the data directory's
/// SQLite files, or PostgreSQL with <c>Vault__Metadata=postgres</c> and <c>Vault__Postgres</c>), as text, CSV, JSON or
/// a printable HTML document. Teams come from <c>Reports__Teams__NAME__0=REPID</c>… as in the service's configuration.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TimeProvider time)
    {
        var data = VaultOptions.Data();
        var from = new Option<string>("--from") { Description = "First day (yyyy-MM-dd) or instant (ISO 8601) of the period.", HelpName = "DATE", Required = true };
        var to = new Option<string>("--to") { Description = "Last day (included) or instant (excluded) of the period.", HelpName = "DATE", Required = true };
        var tz = new Option<string>("--tz") { Description = "IANA time zone the times are shown in (default UTC).", HelpName = "ZONE" };
        var team = new Option<string>("--team") { Description = "Only the reps of this team (Reports__Teams__NAME__0=REPID, …).", HelpName = "NAME" };
        var rep = new Option<string>("--rep") { Description = "Only this rep's calls (their CRM user id).", HelpName = "ID" };
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "Only calls this jurisdiction decided (US-CA, DE, …).", HelpName = "CODE" };
        var format = VaultOptions.FormatOption("text", "csv", "json", "html");
        var policy = CommonOptions.Policy();
        var output = new Option<FileInfo>("--out") { Description = "Write the report to FILE instead of standard output.", HelpName = "FILE" };
        var compliance = new Command("compliance", "Consent coverage, hand starts, pauses, listens, retention, audit chain and rules over a period.")
        {
            data, from, to, tz, team, rep, jurisdiction, format, policy, output,
        };
        compliance.SetAction(async (parse, ct) =>
        {
            var (request, error) = ReportRequestReader.Read(parse.GetValue(from), parse.GetValue(to), parse.GetValue(tz), parse.GetValue(team), parse.GetValue(rep), parse.GetValue(jurisdiction), new ReportOptions { Teams = ReportStores.Teams() });
            if (request is null)
            {
                throw new UsageException(error!);
            }

            var engine = CommonOptions.Engine(CommonOptions.ReadPolicy(parse.GetValue(policy)));
            await using var stores = ReportStores.Open(parse.GetValue(data)!);
            await stores.EnsureCurrentAsync(ct);
            var report = await new ComplianceReports(stores.Calls, stores.Vault, ComplianceReports.RulesOf(engine), ReportLinks.PlayerOnly, time).RunAsync(request, ct);
            var text = parse.GetValue(format) switch
            {
                "csv" => ReportCsv.Write(report),
                "json" => ReportJson.Write(report),
                "html" => ReportHtml.Write(report, ReportStores.ServiceBase()),
                _ => ReportText.Write(report),
            };
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, new UTF8Encoding(false), ct);
                Console.Error.WriteLine($"crmrec: wrote {file.FullName}");
            }
            else
            {
                Console.Out.Write(text);
            }

            return CrmrecApp.Ok;
        });
        return new Command("report", "Reports over the recorded calls and the audit trail.") { compliance };
    }
}
