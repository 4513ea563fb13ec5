// The report's oversight sections: who listened and who was refused, what retention will delete and what is held,
// the audit chain's state, and the rules data in force. Numbers carry their JSON Pointer (data-figure).
import { chart, el, figure, moment, table, tiles, tilesAt } from "/reports/report-view.js";
import { recordingLink, section, userName } from "/reports/report-cells.js";

const roleNames = {
  "role:Recording Reviewer": "Recording Reviewer",
  "role:Recording Administrator": "Recording Administrator",
  "permission:Recording_Reviewer": "Recording Reviewer (Salesforce)",
  "permission:Recording_Administrator": "Recording Administrator (Salesforce)",
  "owner": "The call's rep",
  "owner-manager": "The rep's manager",
  "role-hierarchy": "Above the rep (role hierarchy)",
  "none": "No access",
};
const roleName = (role) => roleNames[role] ?? role;

export function accessSection(report) {
  const a = report.access;
  return section("access", "Who listened, and who was refused",
    tilesAt("/access", a, [["listens", "Listens (user and recording)"], ["listenSessions", "Listening sessions"], ["views", "Recordings viewed"], ["refusals", "Refusals"]]),
    chart({
      id: "chart-roles", title: "Listens by role", horizontal: true, labelTitle: "Access as",
      labels: a.byRole.map((r) => roleName(r.role)),
      series: [["listens", "Listens"], ["listenSessions", "Listening sessions"], ["views", "Views"]].map(([key, label]) => ({ label, values: a.byRole.map((r) => r[key]), pointer: (i) => `/access/byRole/${i}/${key}` })),
      empty: "Nobody opened a recording in this period.",
    }),
    table({
      caption: "Users by role",
      columns: [{ title: "Role", cell: (r) => roleName(r.role) }, { title: "Users", num: true, cell: (r, i) => figure(r.users, `/access/byRole/${i}/users`) }],
      rows: a.byRole,
    }),
    table({
      caption: "By user",
      columns: [
        { title: "User", cell: (u) => userName(u.user) },
        { title: "Access as", cell: (u) => roleName(u.role) },
        ...[["listens", "Listens"], ["listenSessions", "Listening sessions"], ["views", "Views"], ["refusals", "Refusals"]].map(([key, title]) => ({ title, num: true, cell: (u, i) => figure(u[key], `/access/byUser/${i}/${key}`) })),
      ],
      rows: a.byUser,
      empty: "nobody opened a recording in this period.",
    }),
    table({
      caption: "Refused",
      columns: [
        { title: "When", cell: (r, i) => moment(r.at, `/access/refusalList/${i}/at`) },
        { title: "User", cell: (r) => userName(r.user) },
        { title: "Recording", cell: (r) => recordingLink(r.recording) },
        { title: "Reason", cell: (r) => r.reason },
      ],
      rows: a.refusalList,
      empty: "nobody was refused in this period.",
    }));
}

export function retentionSection(report) {
  const r = report.retention;
  return section("retention", "Retention, holds and erasures",
    el("p", {}, "Recordings due for deletion up to ", moment(r.dueBy, "/retention/dueBy"), "; ", figure(r.deletedByRetention, "/retention/deletedByRetention"), " deleted at the end of their retention in this period."),
    table({
      caption: "Due for deletion",
      columns: [
        { title: "Recording", cell: (d) => recordingLink(d.recording) },
        { title: "Retention class", cell: (d) => d.retentionClass },
        { title: "Deleted after", cell: (d, i) => moment(d.deleteAfter, `/retention/dueForDeletion/${i}/deleteAfter`) },
      ],
      rows: r.dueForDeletion,
      empty: "no recording is due for deletion in the next 30 days.",
    }),
    table({
      caption: "On legal hold",
      columns: [
        { title: "Recording", cell: (h) => recordingLink(h.recording) },
        { title: "Reason", cell: (h) => h.reason ?? "" },
        { title: "Held since", cell: (h, i) => moment(h.heldAt, `/retention/holds/${i}/heldAt`) },
      ],
      rows: r.holds,
      empty: "no recording is on hold.",
    }),
    table({
      caption: "Erasure requests",
      columns: [
        { title: "When", cell: (e, i) => moment(e.at, `/retention/erasures/${i}/at`) },
        { title: "By", cell: (e) => e.actor },
        { title: "Subject", cell: (e) => e.subject },
        { title: "Deleted", num: true, cell: (e, i) => figure(e.deleted.length, `/retention/erasures/${i}/deleted#length`) },
        { title: "Kept, and why", cell: (e) => e.kept.map((k) => `${k.recording?.recordingId?.slice(0, 8) ?? "?"}: ${k.reason}`).join("; ") || "nothing" },
      ],
      rows: r.erasures,
      empty: "none in this period.",
    }));
}

export function auditSection(report) {
  const a = report.audit;
  return section("audit", "Audit trail",
    el("p", { className: a.intact ? "ok-text" : "stop-text" }, a.intact ? "The hash chain is intact." : `The hash chain is broken at event ${a.brokenAt ?? "?"}: ${a.brokenReason ?? "no reason given"}.`),
    tiles([
      { label: "Events", value: a.events, pointer: "/audit/events" },
      { label: "Last verified event", value: a.lastVerifiedSequence ?? "none", pointer: a.lastVerifiedSequence === null ? null : "/audit/lastVerifiedSequence" },
    ]),
    el("p", {}, "Last verified: ", a.lastVerifiedAction ?? "nothing yet", a.lastVerifiedAt ? ", " : "", a.lastVerifiedAt ? moment(a.lastVerifiedAt, "/audit/lastVerifiedAt") : ""));
}

export function rulesSection(report) {
  const r = report.rules;
  return section("rules", "Rules data and policy",
    el("p", {}, "In force: ", el("span", { "data-figure": "/rules/inForce" }, r.inForce), ". Policy: ", r.policyVersion === null ? "default" : el("span", { "data-figure": "/rules/policyVersion" }, r.policyVersion), "."),
    table({
      caption: "Rules data of the calls in this period",
      columns: [{ title: "Rules version", cell: (u) => u.rulesVersion }, { title: "Calls", num: true, cell: (u, i) => figure(u.calls, `/rules/usedInPeriod/${i}/calls`) }],
      rows: r.usedInPeriod,
    }),
    table({
      caption: "Policy overrides",
      columns: [{ title: "Jurisdiction", cell: (o) => o.jurisdiction }, { title: "Rule", cell: (o) => o.rule }, { title: "Reason", cell: (o) => o.reason }],
      rows: r.overrides,
      empty: "none; the rules apply as published.",
    }));
}
