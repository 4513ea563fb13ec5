using System.Globalization;
using System.Text;

namespace CrmRecording.Core.Reports;

/// <summary>The report as a readable terminal summary: the figures, then the lists an auditor reads line by line.</summary>
public static class ReportText
{
    public static string Write(ComplianceReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = new StringBuilder();
        t.AppendLine(r.Title);
        t.AppendLine(Inv($"Period: {When(r.Period.From)} to {When(r.Period.To)} ({r.Period.TimeZone}){Filters(r.Period)}"));
        t.AppendLine(Inv($"Made: {When(r.GeneratedAt)}"));
        if (r.Empty)
        {
            t.AppendLine().AppendLine(r.EmptyText);
        }

        t.AppendLine().AppendLine(Inv($"Calls: {r.Calls.Total}"));
        foreach (var d in r.Calls.ByDecision)
        {
            t.AppendLine(Inv($"  {d.Decision,-22}{d.Calls,8}"));
        }

        foreach (var j in r.Calls.ByJurisdiction)
        {
            t.AppendLine(Inv($"  decided by {j.Jurisdiction,-11}{j.Calls,8}"));
        }

        var c = r.Consent.Totals;
        t.AppendLine().AppendLine(Inv($"Consent asked: {c.Asked}  granted: {c.Granted}  declined: {c.Declined}  no answer: {c.NoAnswer}  unrecognized: {c.Unrecognized}"));
        foreach (var j in r.Consent.ByJurisdiction)
        {
            t.AppendLine(Inv($"  {j.Jurisdiction,-12} asked {j.Counts.Asked}, granted {j.Counts.Granted}, declined {j.Counts.Declined}, no answer {j.Counts.NoAnswer}, unrecognized {j.Counts.Unrecognized}"));
        }

        foreach (var d in r.Consent.ByDisclosure)
        {
            t.AppendLine(Inv($"  disclosure {d.DisclosureKind} v{d.Version}: asked {d.Counts.Asked}, granted {d.Counts.Granted}"));
        }

        t.AppendLine().AppendLine(Inv($"Recorded without an explicit yes, as the rule allowed: {r.RecordedWithoutConsent.Calls}"));
        foreach (var b in r.RecordedWithoutConsent.ByRule)
        {
            t.AppendLine(Inv($"  {b.Calls,6} {b.Rule} in {b.Jurisdiction} ({b.Decision}; {b.RulesVersion})"));
        }

        t.AppendLine().AppendLine(Inv($"Started by hand: {r.ManualStarts.Count}"));
        foreach (var m in r.ManualStarts)
        {
            var review = m.Review is { } rv ? Inv($"reviewed by {Name(rv.By)} ({rv.Basis}) {When(rv.At)}") : "NOT REVIEWED";
            t.AppendLine(Inv($"  {When(m.At)} {Name(m.StartedBy)} call {m.Call.CallId}: \"{m.Attestation}\"; {review}"));
        }

        var p = r.Pauses;
        t.AppendLine().AppendLine(Inv($"PCI pauses: {p.Pauses} on {p.CallsWithPauses} call(s), {p.PausedSeconds:0.#} s paused; refused: {p.RefusedPauses}"));
        foreach (var f in p.Refusals)
        {
            t.AppendLine(Inv($"  {When(f.At)} call {f.Call.CallId} ({Name(f.Call.Rep)}): {f.Reason}"));
        }

        t.AppendLine().AppendLine(Inv($"Recordings lost: {r.LostRecordings.Count}"));
        foreach (var l in r.LostRecordings)
        {
            t.AppendLine(Inv($"  call {l.Call.CallId} {l.RecordingSid}: {l.Reason}"));
        }

        AppendAccess(t, r.Access);
        AppendRetention(t, r.Retention);
        var a = r.Audit;
        t.AppendLine().AppendLine(a.Intact
            ? Inv($"Audit chain: intact, {a.Events} events; last verified #{a.LastVerifiedSequence} {(a.LastVerifiedAt is { } at ? When(at) : "-")} {a.LastVerifiedAction}")
            : Inv($"Audit chain: BROKEN at event {a.BrokenAt}: {a.BrokenReason} (last verified #{a.LastVerifiedSequence})"));
        t.AppendLine(Inv($"Rules in force: {r.Rules.InForce}"));
        foreach (var o in r.Rules.Overrides)
        {
            t.AppendLine(Inv($"  override {o.Jurisdiction}: {o.Rule} ({o.Reason})"));
        }

        foreach (var v in r.Rules.UsedInPeriod)
        {
            t.AppendLine(Inv($"  used by {v.Calls} call(s): {v.RulesVersion}"));
        }

        return t.ToString();
    }

    private static void AppendAccess(StringBuilder t, AccessFigures a)
    {
        t.AppendLine().AppendLine(Inv($"Listens: {a.Listens} ({a.ListenSessions} listening sessions), views: {a.Views}, refused: {a.Refusals}"));
        foreach (var u in a.ByUser)
        {
            t.AppendLine(Inv($"  {Name(u.User),-40} {u.Role,-28} listens {u.Listens}, views {u.Views}, refused {u.Refusals}"));
        }

        foreach (var x in a.RefusalList)
        {
            t.AppendLine(Inv($"  refused {When(x.At)} {Name(x.User)} {x.Recording?.RecordingId}: {x.Reason}"));
        }
    }

    private static void AppendRetention(StringBuilder t, RetentionFigures r)
    {
        t.AppendLine().AppendLine(Inv($"Due for deletion by {When(r.DueBy)}: {r.DueForDeletion.Count}; on hold: {r.Holds.Count}; erasure requests: {r.Erasures.Count}; deleted by retention: {r.DeletedByRetention}"));
        foreach (var d in r.DueForDeletion)
        {
            t.AppendLine(Inv($"  {When(d.DeleteAfter)} {d.Recording.RecordingId} ({d.RetentionClass})"));
        }

        foreach (var h in r.Holds)
        {
            t.AppendLine(Inv($"  hold since {When(h.HeldAt)} {h.Recording.RecordingId}: {h.Reason}"));
        }

        foreach (var e in r.Erasures)
        {
            t.AppendLine(Inv($"  erasure {When(e.At)} contact {e.Subject}: deleted {e.Deleted.Count}, kept {e.Kept.Count}{string.Concat(e.Kept.Select(k => $"; kept {k.Recording.RecordingId}: {k.Reason}"))}"));
        }
    }

    private static string Filters(ReportPeriodView p) =>
        (p.Team is null ? string.Empty : $", team {p.Team}") + (p.Rep is null ? string.Empty : $", rep {p.Rep}") + (p.Jurisdiction is null ? string.Empty : $", jurisdiction {p.Jurisdiction}");

    internal static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    internal static string Name(ReportUser user) => user.Name is { } name ? $"{name} ({user.Id})" : user.Id;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
