using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmRecording.Core.Jurisdictions;
using CsvHelper;

namespace CrmRecording.Cli.Jurisdictions;

/// <summary><c>crmrec jurisdictions list|show</c>: the rule data the engine decides with.</summary>
internal static class JurisdictionsCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "text (default), json or csv.", HelpName = "text|json|csv", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var list = new Command("list", "List every jurisdiction with its rule and statute.") { format };
        list.SetAction(parse =>
        {
            var catalog = JurisdictionCatalog.Default;
            switch (parse.GetValue(format))
            {
                case "json":
                    WriteJson(catalog.All, catalog.Version, Console.OpenStandardOutput());
                    break;
                case "csv":
                    WriteCsv(catalog.All, Console.Out);
                    break;
                default:
                    Console.Out.WriteLine($"{catalog.All.Count} jurisdictions, rules version {catalog.Version}");
                    foreach (var j in catalog.All)
                    {
                        Console.Out.WriteLine($"{j.Code.Value,-7} {j.Rule.ToWireName(),-21} {j.Name,-32} {j.Statute}");
                    }

                    break;
            }

            return CrmrecApp.Ok;
        });

        var code = new Argument<string>("CODE") { Description = "ISO 3166 code: US-CA, CA-ON, AU-NSW, GB, DE." };
        var show = new Command("show", "Show one jurisdiction: rule, statute, note, sources and review date.") { code };
        show.SetAction(parse =>
        {
            var text = parse.GetValue(code)!;
            if (!JurisdictionCode.TryParse(text, out var c) || !JurisdictionCatalog.Default.TryGet(c, out var j))
            {
                throw new UsageException($"CODE: no jurisdiction '{text}' on file; run 'crmrec jurisdictions list' to see the codes.");
            }

            Console.Out.WriteLine($"{j.Code} — {j.Name}");
            Console.Out.WriteLine($"Rule:     {j.Rule.ToWireName()}");
            Console.Out.WriteLine($"Country:  {j.Country}");
            Console.Out.WriteLine($"Statute:  {j.Statute}");
            Console.Out.WriteLine($"Reviewed: {j.Reviewed:yyyy-MM-dd} (rules version {JurisdictionCatalog.Default.Version})");
            Console.Out.WriteLine($"Note:     {j.Note}");
            foreach (var source in j.Sources)
            {
                Console.Out.WriteLine($"Source:   {source}");
            }

            return CrmrecApp.Ok;
        });

        return new Command("jurisdictions", "List or show the jurisdictions and their recording-consent rules.") { list, show };
    }

    private static void WriteJson(IReadOnlyList<Jurisdiction> all, string version, Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("rulesVersion", version);
        w.WriteStartArray("jurisdictions");
        foreach (var j in all)
        {
            w.WriteStartObject();
            w.WriteString("code", j.Code.Value);
            w.WriteString("name", j.Name);
            w.WriteString("country", j.Country);
            w.WriteString("rule", j.Rule.ToWireName());
            w.WriteString("statute", j.Statute);
            w.WriteString("note", j.Note);
            w.WriteStartArray("sources");
            foreach (var s in j.Sources)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteString("reviewed", j.Reviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.Write("\n"u8);
    }

    private static void WriteCsv(IReadOnlyList<Jurisdiction> all, TextWriter output)
    {
        using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in new[] { "code", "name", "country", "rule", "statute", "note", "sources", "reviewed" })
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (var j in all)
        {
            csv.WriteField(j.Code.Value);
            csv.WriteField(j.Name);
            csv.WriteField(j.Country);
            csv.WriteField(j.Rule.ToWireName());
            csv.WriteField(j.Statute);
            csv.WriteField(j.Note);
            csv.WriteField(string.Join(" | ", j.Sources));
            csv.WriteField(j.Reviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    }
}
