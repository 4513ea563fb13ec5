namespace CrmRecording.Core.Reports;

/// <summary>The report flattened to (section, subject, measure, value) facts: what the CSV writes, row by row.</summary>
internal static class ReportFacts
{
    public static IEnumerable<(string Section, string Subject, string Measure, string Value)> Of(ComplianceReport r)
    {
        static string T(DateTimeOffset v) => ReportCsv.Text(v);
        static string N(long v) => ReportCsv.Text(v);
        yield return ("report", "", "title", r.Title);
        yield return ("report", "", "from", T(r.Period.From));
        yield return ("report", "", "to", T(r.Period.To));
        yield return ("report", "", "timeZone", r.Period.TimeZone);
        yield return ("report", "", "team", r.Period.Team ?? "");
        yield return ("report", "", "rep", r.Period.Rep ?? "");
        yield return ("report", "", "jurisdiction", r.Period.Jurisdiction ?? "");
        yield return ("report", "", "generatedAt", T(r.GeneratedAt));
        yield return ("report", "", "empty", r.Empty ? "true" : "false");
        yield return ("report", "", "emptyText", r.EmptyText ?? "");
        yield return ("calls", "", "total", N(r.Calls.Total));
        foreach (var d in r.Calls.ByDecision)
        {
            yield return ("calls.byDecision", d.Decision, "calls", N(d.Calls));
        }

        foreach (var j in r.Calls.ByJurisdiction)
        {
            yield return ("calls.byJurisdiction", j.Jurisdiction, "calls", N(j.Calls));
            foreach (var d in j.ByDecision)
            {
                yield return ("calls.byJurisdiction", $"{j.Jurisdiction}|{d.Decision}", "calls", N(d.Calls));
            }
        }

        foreach (var fact in Consent("consent", "", r.Consent.Totals))
        {
            yield return fact;
        }

        foreach (var j in r.Consent.ByJurisdiction)
        {
            foreach (var fact in Consent("consent.byJurisdiction", j.Jurisdiction, j.Counts))
            {
                yield return fact;
            }
        }

        foreach (var d in r.Consent.ByDisclosure)
        {
            foreach (var fact in Consent("consent.byDisclosure", $"{d.DisclosureKind}|{d.Version}", d.Counts))
            {
                yield return fact;
            }
        }

        yield return ("recordedWithoutConsent", "", "calls", N(r.RecordedWithoutConsent.Calls));
        foreach (var b in r.RecordedWithoutConsent.ByRule)
        {
            yield return ("recordedWithoutConsent.byRule", $"{b.Rule}|{b.Jurisdiction}|{b.Decision}|{b.RulesVersion}", "calls", N(b.Calls));
        }

        foreach (var c in r.RecordedWithoutConsent.CallList)
        {
            foreach (var fact in Call("recordedWithoutConsent.callList", c.CallId, c))
            {
                yield return fact;
            }
        }

        yield return ("manualStarts", "", "count", N(r.ManualStarts.Count));
        foreach (var m in r.ManualStarts)
        {
            foreach (var fact in Call("manualStarts", m.Call.CallId, m.Call))
            {
                yield return fact;
            }

            yield return ("manualStarts", m.Call.CallId, "at", T(m.At));
            yield return ("manualStarts", m.Call.CallId, "startedBy", m.StartedBy.Id);
            yield return ("manualStarts", m.Call.CallId, "attestation", m.Attestation);
            yield return ("manualStarts", m.Call.CallId, "reviewedBy", m.Review?.By.Id ?? "");
            yield return ("manualStarts", m.Call.CallId, "reviewBasis", m.Review?.Basis ?? "");
            yield return ("manualStarts", m.Call.CallId, "reviewedAt", m.Review is { } review ? T(review.At) : "");
        }

        yield return ("pauses", "", "pauses", N(r.Pauses.Pauses));
        yield return ("pauses", "", "pausedSeconds", ReportCsv.Text(r.Pauses.PausedSeconds));
        yield return ("pauses", "", "callsWithPauses", N(r.Pauses.CallsWithPauses));
        yield return ("pauses", "", "refusedPauses", N(r.Pauses.RefusedPauses));
        foreach (var p in r.Pauses.Refusals)
        {
            yield return ("pauses.refusals", $"{p.Call.CallId}|{T(p.At)}", "reason", p.Reason);
        }

        yield return ("lostRecordings", "", "count", N(r.LostRecordings.Count));
        foreach (var l in r.LostRecordings)
        {
            yield return ("lostRecordings", $"{l.Call.CallId}|{l.RecordingSid}", "reason", l.Reason);
        }

        foreach (var fact in Access(r.Access))
        {
            yield return fact;
        }

        foreach (var fact in Retention(r.Retention))
        {
            yield return fact;
        }

        yield return ("audit", "", "intact", r.Audit.Intact ? "true" : "false");
        yield return ("audit", "", "events", N(r.Audit.Events));
        yield return ("audit", "", "lastVerifiedSequence", r.Audit.LastVerifiedSequence is { } s ? N(s) : "");
        yield return ("audit", "", "lastVerifiedAt", r.Audit.LastVerifiedAt is { } at ? T(at) : "");
        yield return ("audit", "", "lastVerifiedAction", r.Audit.LastVerifiedAction ?? "");
        yield return ("audit", "", "brokenAt", r.Audit.BrokenAt is { } b2 ? N(b2) : "");
        yield return ("audit", "", "brokenReason", r.Audit.BrokenReason ?? "");
        yield return ("rules", "", "inForce", r.Rules.InForce);
        yield return ("rules", "", "policyVersion", r.Rules.PolicyVersion);
        foreach (var o in r.Rules.Overrides)
        {
            yield return ("rules.overrides", o.Jurisdiction, o.Rule, o.Reason);
        }

        foreach (var v in r.Rules.UsedInPeriod)
        {
            yield return ("rules.usedInPeriod", v.RulesVersion, "calls", N(v.Calls));
        }
    }

    private static IEnumerable<(string, string, string, string)> Consent(string section, string subject, ConsentCounts c)
    {
        yield return (section, subject, "asked", ReportCsv.Text(c.Asked));
        yield return (section, subject, "granted", ReportCsv.Text(c.Granted));
        yield return (section, subject, "declined", ReportCsv.Text(c.Declined));
        yield return (section, subject, "noAnswer", ReportCsv.Text(c.NoAnswer));
        yield return (section, subject, "unrecognized", ReportCsv.Text(c.Unrecognized));
    }

    private static IEnumerable<(string, string, string, string)> Call(string section, string subject, ReportCallLine c)
    {
        yield return (section, subject, "placedAt", ReportCsv.Text(c.PlacedAt));
        yield return (section, subject, "crm", c.Crm);
        yield return (section, subject, "rep", c.Rep.Id);
        yield return (section, subject, "repName", c.Rep.Name ?? "");
        yield return (section, subject, "decision", c.Decision);
        yield return (section, subject, "jurisdiction", c.Jurisdiction ?? "");
        yield return (section, subject, "recordings", string.Join(' ', c.Recordings.Select(x => x.RecordingId)));
        yield return (section, subject, "record", $"{c.Record.Entity}:{c.Record.Id}");
        yield return (section, subject, "customer", $"{c.Customer.Entity}:{c.Customer.Id}");
        yield return (section, subject, "activity", c.Activity is { } a ? $"{a.Entity}:{a.Id}" : "");
    }

    private static IEnumerable<(string, string, string, string)> Access(AccessFigures a)
    {
        yield return ("access", "", "listens", ReportCsv.Text(a.Listens));
        yield return ("access", "", "listenSessions", ReportCsv.Text(a.ListenSessions));
        yield return ("access", "", "views", ReportCsv.Text(a.Views));
        yield return ("access", "", "refusals", ReportCsv.Text(a.Refusals));
        foreach (var u in a.ByUser)
        {
            yield return ("access.byUser", u.User.Id, "role", u.Role);
            yield return ("access.byUser", u.User.Id, "listens", ReportCsv.Text(u.Listens));
            yield return ("access.byUser", u.User.Id, "listenSessions", ReportCsv.Text(u.ListenSessions));
            yield return ("access.byUser", u.User.Id, "views", ReportCsv.Text(u.Views));
            yield return ("access.byUser", u.User.Id, "refusals", ReportCsv.Text(u.Refusals));
        }

        foreach (var r in a.ByRole)
        {
            yield return ("access.byRole", r.Role, "users", ReportCsv.Text(r.Users));
            yield return ("access.byRole", r.Role, "listens", ReportCsv.Text(r.Listens));
            yield return ("access.byRole", r.Role, "listenSessions", ReportCsv.Text(r.ListenSessions));
            yield return ("access.byRole", r.Role, "views", ReportCsv.Text(r.Views));
        }

        foreach (var r in a.RefusalList)
        {
            yield return ("access.refusalList", $"{r.User.Id}|{ReportCsv.Text(r.At)}|{r.Recording?.RecordingId}", "reason", r.Reason);
        }
    }

    private static IEnumerable<(string, string, string, string)> Retention(RetentionFigures r)
    {
        yield return ("retention", "", "dueBy", ReportCsv.Text(r.DueBy));
        yield return ("retention", "", "dueForDeletion", ReportCsv.Text(r.DueForDeletion.Count));
        yield return ("retention", "", "holds", ReportCsv.Text(r.Holds.Count));
        yield return ("retention", "", "erasures", ReportCsv.Text(r.Erasures.Count));
        yield return ("retention", "", "deletedByRetention", ReportCsv.Text(r.DeletedByRetention));
        foreach (var d in r.DueForDeletion)
        {
            yield return ("retention.dueForDeletion", d.Recording.RecordingId, "deleteAfter", ReportCsv.Text(d.DeleteAfter));
            yield return ("retention.dueForDeletion", d.Recording.RecordingId, "retentionClass", d.RetentionClass);
        }

        foreach (var h in r.Holds)
        {
            yield return ("retention.holds", h.Recording.RecordingId, "heldAt", ReportCsv.Text(h.HeldAt));
            yield return ("retention.holds", h.Recording.RecordingId, "reason", h.Reason);
        }

        foreach (var e in r.Erasures)
        {
            yield return ("retention.erasures", e.Subject, "at", ReportCsv.Text(e.At));
            yield return ("retention.erasures", e.Subject, "deleted", string.Join(' ', e.Deleted));
            foreach (var k in e.Kept)
            {
                yield return ("retention.erasures", $"{e.Subject}|{k.Recording.RecordingId}", "kept", k.Reason);
            }
        }
    }
}
