// The compliance report, section by section, from the JSON of GET /api/reports/compliance. Every number shown is
// marked with the JSON Pointer of the value it shows (data-figure), so the figures can be checked against the API.
import { chart, el, figure, moment, table, tiles, tilesAt } from "/reports/report-view.js";
import { callColumns, decisionName, section, userName, crmLink, playerLinks } from "/reports/report-cells.js";
import { accessSection, auditSection, retentionSection, rulesSection } from "/reports/report-oversight.js";

const answers = [["granted", "Granted"], ["declined", "Declined"], ["noAnswer", "No answer"], ["unrecognized", "Unclear answer"]];

/** The period and filters (for the page's heading) and the sections. */
export function renderReport(report) {
  const period = el("span", {}, "Calls placed from ", moment(report.period.from, "/period/from"), " up to ", moment(report.period.to, "/period/to"), filtersText(report.period));
  const now = [retentionSection(report), auditSection(report), rulesSection(report)];
  if (report.empty) {
    return { period, sections: [el("p", { className: "empty", id: "empty" }, report.emptyText ?? "Nothing happened in this period."), ...now] };
  }

  return { period, sections: [overview(report), callsSection(report), consentSection(report), withoutConsentSection(report),
    manualSection(report), pausesSection(report), lostSection(report), accessSection(report), ...now] };
}

function filtersText(period) {
  const parts = [["team", "team"], ["rep", "rep"], ["jurisdiction", "jurisdiction"]].filter(([key]) => period[key]).map(([key, name]) => `${name} ${period[key]}`);
  return parts.length ? `; only ${parts.join(", ")}.` : "; all teams, reps and jurisdictions.";
}

function overview(report) {
  return section("overview", "Overview", tiles([
    { label: "Calls", value: report.calls.total, pointer: "/calls/total" },
    { label: "Consent asked", value: report.consent.totals.asked, pointer: "/consent/totals/asked" },
    { label: "Recorded without consent, by rule", value: report.recordedWithoutConsent.calls, pointer: "/recordedWithoutConsent/calls" },
    { label: "Started by hand", value: report.manualStarts.length, pointer: "/manualStarts#length" },
    { label: "Payment pauses", value: report.pauses.pauses, pointer: "/pauses/pauses" },
    { label: "Recordings lost", value: report.lostRecordings.length, pointer: "/lostRecordings#length" },
    { label: "Listens", value: report.access.listens, pointer: "/access/listens" },
    { label: "Refused listens", value: report.access.refusals, pointer: "/access/refusals" },
  ]));
}

function callsSection(report) {
  const { byDecision, byJurisdiction } = report.calls;
  const decisions = byDecision.map((d) => d.decision);
  return section("calls", "Calls by decision and by deciding jurisdiction",
    chart({
      id: "chart-decisions", title: "Calls by decision", type: "doughnut", labelTitle: "Decision",
      labels: decisions.map(decisionName),
      series: [{ label: "Calls", values: byDecision.map((d) => d.calls), pointer: (i) => `/calls/byDecision/${i}/calls` }],
    }),
    chart({
      id: "chart-jurisdictions", title: "Calls by deciding jurisdiction and decision", stacked: true, labelTitle: "Jurisdiction",
      labels: byJurisdiction.map((j) => j.jurisdiction),
      series: decisions.map((decision) => ({
        label: decisionName(decision),
        values: byJurisdiction.map((j) => j.byDecision.find((d) => d.decision === decision)?.calls ?? 0),
        pointer: (i) => `/calls/byJurisdiction/${i}/byDecision/${byJurisdiction[i].byDecision.findIndex((d) => d.decision === decision)}/calls`,
      })),
    }),
    table({
      caption: "Calls by deciding jurisdiction",
      columns: [{ title: "Jurisdiction", cell: (j) => j.jurisdiction }, { title: "Calls", num: true, cell: (j, i) => figure(j.calls, `/calls/byJurisdiction/${i}/calls`) }],
      rows: byJurisdiction,
      footer: ["All", figure(report.calls.total, "/calls/total")],
    }));
}

function consentSeries(rows, base) {
  return answers.map(([key, label]) => ({ label, values: rows.map((r) => r.counts[key]), pointer: (i) => `${base}/${i}/counts/${key}` }));
}

function consentTable(caption, rows, base, name, nameTitle) {
  return table({
    caption,
    columns: [{ title: nameTitle, cell: name }, { title: "Asked", num: true, cell: (r, i) => figure(r.counts.asked, `${base}/${i}/counts/asked`) }],
    rows,
  });
}

function consentSection(report) {
  const { totals, byJurisdiction, byDisclosure } = report.consent;
  const disclosureName = (d) => `${d.disclosureKind} v${d.version}`;
  return section("consent", "Consent: asked, granted, declined, no answer",
    tilesAt("/consent/totals", totals, [["asked", "Asked"], ...answers]),
    chart({ id: "chart-consent-jurisdiction", title: "Consent answers by jurisdiction", labelTitle: "Jurisdiction", labels: byJurisdiction.map((j) => j.jurisdiction), series: consentSeries(byJurisdiction, "/consent/byJurisdiction"), empty: "The consent question was not asked in this period." }),
    consentTable("Consent asked by jurisdiction", byJurisdiction, "/consent/byJurisdiction", (j) => j.jurisdiction, "Jurisdiction"),
    chart({ id: "chart-consent-disclosure", title: "Consent answers by disclosure version", labelTitle: "Disclosure", labels: byDisclosure.map(disclosureName), series: consentSeries(byDisclosure, "/consent/byDisclosure"), empty: "The consent question was not asked in this period." }),
    consentTable("Consent asked by disclosure version", byDisclosure, "/consent/byDisclosure", disclosureName, "Disclosure"));
}

function withoutConsentSection(report) {
  const { byRule, callList } = report.recordedWithoutConsent;
  return section("without-consent", "Recorded without consent on file, and the rule that allowed it",
    el("p", {}, figure(report.recordedWithoutConsent.calls, "/recordedWithoutConsent/calls"), " calls were recorded under a one-party or notice rule."),
    table({
      caption: "By rule",
      columns: [
        { title: "Rule", cell: (r) => r.rule },
        { title: "Jurisdiction", cell: (r) => r.jurisdiction },
        { title: "Decision", cell: (r) => decisionName(r.decision) },
        { title: "Rules version", cell: (r) => r.rulesVersion },
        { title: "Calls", num: true, cell: (r, i) => figure(r.calls, `/recordedWithoutConsent/byRule/${i}/calls`) },
      ],
      rows: byRule,
    }),
    table({
      // The API lists the oldest calls up to a limit and counts them all.
      caption: callList.length < report.recordedWithoutConsent.calls ? `The first ${callList.length} of these calls, oldest first` : "The calls",
      columns: callColumns((c) => c, (i) => `/recordedWithoutConsent/callList/${i}`),
      rows: callList,
    }));
}

function manualSection(report) {
  return section("manual", "Recordings started by hand",
    table({
      caption: "Manual starts with the rep's attestation",
      columns: [
        { title: "Started", cell: (m, i) => moment(m.at, `/manualStarts/${i}/at`) },
        { title: "By", cell: (m) => userName(m.startedBy) },
        { title: "Attestation", cell: (m) => `“${m.attestation}”` },
        { title: "Reviewed", cell: (m, i) => (m.review ? el("span", {}, `${userName(m.review.by)} (${m.review.basis}), `, moment(m.review.at, `/manualStarts/${i}/review/at`)) : el("span", { className: "muted" }, "not reviewed yet")) },
        { title: "Regarding", cell: (m) => crmLink(m.call.record) },
        { title: "Recording", cell: (m) => playerLinks(m.call.recordings) },
      ],
      rows: report.manualStarts,
      empty: "no recording was started by hand in this period.",
    }));
}

function pausesSection(report) {
  const p = report.pauses;
  return section("pauses", "Paused for payment details (PCI)",
    tilesAt("/pauses", p, [["pauses", "Pauses"], ["pausedSeconds", "Seconds paused"], ["callsWithPauses", "Calls with a pause"], ["refusedPauses", "Pauses refused"]]),
    table({
      caption: "Refused pauses",
      columns: [...callColumns((r) => r.call, (i) => `/pauses/refusals/${i}/call`).slice(0, 4), { title: "Reason", cell: (r) => r.reason }],
      rows: p.refusals,
      empty: "no pause was refused in this period.",
    }));
}

function lostSection(report) {
  return section("lost", "Recordings lost",
    table({
      caption: "Recordings that could not be kept, with the reason",
      columns: [...callColumns((r) => r.call, (i) => `/lostRecordings/${i}/call`).slice(0, 4), { title: "Twilio recording", cell: (r) => r.recordingSid }, { title: "Reason", cell: (r) => r.reason }],
      rows: report.lostRecordings,
      empty: "no recording was lost in this period.",
    }));
}
