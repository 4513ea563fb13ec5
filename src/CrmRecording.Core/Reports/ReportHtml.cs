using System.Globalization;
using System.Net;
using System.Text;

namespace CrmRecording.Core.Reports;

/// <summary>
/// The report as one standalone, printable HTML document: inline styles, no scripts, tables with the player and CRM
/// links. Relative player links are made absolute with <c>serviceBase</c> when given (a file opened from disk).
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;color:#111;margin:2rem;max-width:70rem}
        h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #999}
        table{border-collapse:collapse;margin:.25rem 0 1rem;width:100%}th,td{border:1px solid #bbb;padding:.2rem .45rem;text-align:left;vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.empty{padding:1rem;border:2px solid #b00;font-weight:600}.bad{color:#b00;font-weight:600}
        @media print{body{margin:0}a{color:#000;text-decoration:none}h2{break-after:avoid}tr{break-inside:avoid}}
        """;

    public static string Write(ComplianceReport r, Uri? serviceBase = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var h = new Html(serviceBase);
        h.Raw($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(r.Title)}</title><style>{Style}</style></head><body>");
        h.Raw($"<h1>{E(r.Title)}</h1><p>{E(ReportText.When(r.Period.From))} to {E(ReportText.When(r.Period.To))} · times in {E(r.Period.TimeZone)} · made {E(ReportText.When(r.GeneratedAt))}</p>");
        if (r.Empty)
        {
            h.Raw($"<p class=\"empty\">{E(r.EmptyText)}</p>");
        }

        h.Table("Calls by decision", ["Decision", "Calls"], r.Calls.ByDecision.Select(d => new[] { E(d.Decision), N(d.Calls) }).Append([ "<strong>total</strong>", N(r.Calls.Total) ]));
        h.Table("Calls by deciding jurisdiction", ["Jurisdiction", "Calls", .. ComplianceReportBuilder.Decisions], r.Calls.ByJurisdiction.Select(j => new[] { E(j.Jurisdiction), N(j.Calls) }.Concat(j.ByDecision.Select(d => N(d.Calls))).ToArray()));
        h.Table("Consent by jurisdiction", ["Jurisdiction", "Asked", "Granted", "Declined", "No answer", "Unrecognized"], r.Consent.ByJurisdiction.Select(j => Counts(j.Jurisdiction, j.Counts)).Append(Counts("total", r.Consent.Totals)));
        h.Table("Consent by disclosure version", ["Disclosure", "Asked", "Granted", "Declined", "No answer", "Unrecognized"], r.Consent.ByDisclosure.Select(d => Counts($"{d.DisclosureKind} v{d.Version}", d.Counts)));
        h.Table("Recorded without an explicit yes, as the rule allowed", ["Rule", "Jurisdiction", "Decision", "Rules version", "Calls"], r.RecordedWithoutConsent.ByRule.Select(b => new[] { E(b.Rule), E(b.Jurisdiction), E(b.Decision), E(b.RulesVersion), N(b.Calls) }));
        h.Table("Started by hand", ["When", "Rep", "Attestation", "Reviewed", "Call"], r.ManualStarts.Select(m => new[] { E(ReportText.When(m.At)), E(ReportText.Name(m.StartedBy)), E(m.Attestation), m.Review is { } rv ? E($"{ReportText.Name(rv.By)} ({rv.Basis}) {ReportText.When(rv.At)}") : "<span class=\"bad\">not reviewed</span>", h.Call(m.Call) }));
        h.Raw($"<h2>PCI pauses</h2><p>{N(r.Pauses.Pauses)} pause(s) on {N(r.Pauses.CallsWithPauses)} call(s), {E(ReportCsv.Text(r.Pauses.PausedSeconds))} s paused; {N(r.Pauses.RefusedPauses)} refused.</p>");
        h.Table("Refused pauses", ["When", "Reason", "Call"], r.Pauses.Refusals.Select(p => new[] { E(ReportText.When(p.At)), E(p.Reason), h.Call(p.Call) }));
        h.Table("Recordings lost", ["Recording", "Reason", "Call"], r.LostRecordings.Select(l => new[] { E(l.RecordingSid), E(l.Reason), h.Call(l.Call) }));
        h.Raw($"<h2>Listens</h2><p>{N(r.Access.Listens)} listen(s) ({N(r.Access.ListenSessions)} listening sessions), {N(r.Access.Views)} view(s), {N(r.Access.Refusals)} refused.</p>");
        h.Table("Listens by user", ["User", "Role", "Listens", "Listening sessions", "Views", "Refused"], r.Access.ByUser.Select(u => new[] { E(ReportText.Name(u.User)), E(u.Role), N(u.Listens), N(u.ListenSessions), N(u.Views), N(u.Refusals) }));
        h.Table("Listens by role", ["Role", "Users", "Listens", "Listening sessions", "Views"], r.Access.ByRole.Select(x => new[] { E(x.Role), N(x.Users), N(x.Listens), N(x.ListenSessions), N(x.Views) }));
        h.Table("Refusals", ["When", "User", "Recording", "Reason"], r.Access.RefusalList.Select(x => new[] { E(ReportText.When(x.At)), E(ReportText.Name(x.User)), x.Recording is { } rec ? h.Recording(rec) : "", E(x.Reason) }));
        h.Table($"Due for deletion by {ReportText.When(r.Retention.DueBy)}", ["Delete after", "Recording", "Retention class"], r.Retention.DueForDeletion.Select(d => new[] { E(ReportText.When(d.DeleteAfter)), h.Recording(d.Recording), E(d.RetentionClass) }));
        h.Table("Legal holds", ["Since", "Recording", "Reason"], r.Retention.Holds.Select(x => new[] { E(ReportText.When(x.HeldAt)), h.Recording(x.Recording), E(x.Reason) }));
        h.Table("Erasure requests", ["When", "Contact", "Deleted", "Kept"], r.Retention.Erasures.Select(e => new[] { E(ReportText.When(e.At)), E(e.Subject), N(e.Deleted.Count), string.Join("<br>", e.Kept.Select(k => $"{h.Recording(k.Recording)}: {E(k.Reason)}")) }));
        var a = r.Audit;
        h.Raw(a.Intact
            ? $"<h2>Audit chain</h2><p>Intact: {N(a.Events)} events; last verified #{E(a.LastVerifiedSequence?.ToString(CultureInfo.InvariantCulture) ?? "-")} {E(a.LastVerifiedAt is { } at ? ReportText.When(at) : "-")} ({E(a.LastVerifiedAction ?? "-")}).</p>"
            : $"<h2>Audit chain</h2><p class=\"bad\">Broken at event {E(a.BrokenAt?.ToString(CultureInfo.InvariantCulture) ?? "?")}: {E(a.BrokenReason)}</p>");
        h.Raw($"<h2>Rules</h2><p>In force: {E(r.Rules.InForce)}</p>");
        h.Table("Policy overrides", ["Jurisdiction", "Rule", "Reason"], r.Rules.Overrides.Select(o => new[] { E(o.Jurisdiction), E(o.Rule), E(o.Reason) }));
        h.Table("Rules versions used in the period", ["Version", "Calls"], r.Rules.UsedInPeriod.Select(v => new[] { E(v.RulesVersion), N(v.Calls) }));
        h.Raw("</body></html>");
        return h.ToString();
    }

    private static string[] Counts(string label, ConsentCounts c) => [E(label), N(c.Asked), N(c.Granted), N(c.Declined), N(c.NoAnswer), N(c.Unrecognized)];

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The document being written, with its link rules.</summary>
    private sealed class Html(Uri? serviceBase)
    {
        private readonly StringBuilder _text = new();

        public void Raw(string html) => _text.Append(html).Append('\n');

        /// <summary>A section's table; cells are HTML already encoded. A table with no rows says so.</summary>
        public void Table(string title, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
        {
            var list = rows.ToList();
            Raw($"<h2>{E(title)}</h2>");
            if (list.Count == 0)
            {
                Raw("<p>None.</p>");
                return;
            }

            Raw("<table><thead><tr>" + string.Concat(headers.Select(x => $"<th scope=\"col\">{E(x)}</th>")) + "</tr></thead><tbody>");
            foreach (var row in list)
            {
                Raw("<tr>" + string.Concat(row.Select(cell => cell.Length > 0 && char.IsDigit(cell[0]) && cell.All(char.IsDigit) ? $"<td class=\"n\">{cell}</td>" : $"<td>{cell}</td>")) + "</tr>");
            }

            Raw("</tbody></table>");
        }

        public string Recording(ReportRecordingLink recording) => Link(recording.PlayerUrl, recording.RecordingId);

        public string Call(ReportCallLine call)
        {
            var parts = new List<string> { E($"{ReportText.When(call.PlacedAt)} {ReportText.Name(call.Rep)} ({call.Decision})") };
            parts.AddRange(call.Recordings.Select(Recording));
            parts.Add(call.Record.Url is { } url ? Link(url, $"{call.Record.Entity} {call.Record.Id}") : E($"{call.Record.Entity} {call.Record.Id}"));
            return string.Join("<br>", parts);
        }

        public override string ToString() => _text.ToString();

        private string Link(string url, string text)
        {
            var href = serviceBase is not null && url.StartsWith('/') ? new Uri(serviceBase, url).ToString() : url;
            return $"<a href=\"{E(href)}\">{E(text)}</a>";
        }
    }
}
