// The compliance report page: the signed-in reviewer's filters go to GET /api/reports/compliance (with the page token
// and the browser's time zone), and the answer is drawn as figures, charts and tables. The filters live in the page's
// address, so a report can be bookmarked, shared and printed as it was seen.
import { createSession, handleRefusal } from "/js/signin.js";
import { clearCharts, drawCharts, zone } from "/reports/report-view.js";
import { renderReport } from "/reports/report-sections.js";

const API = "/api/reports/compliance";
const FILTERS = ["from", "to", "team", "rep", "jurisdiction"];
const byId = (id) => document.getElementById(id);
let loading = null;
let loaded = false;

function setStatus(text, tone = "") {
  const status = byId("status");
  status.textContent = text;
  status.className = `status ${tone}`.trim();
}

function show(section) {
  byId("sign-in").hidden = section !== "sign-in";
  byId("refused").hidden = section !== "refused";
  const report = section === "report";
  byId("filters").hidden = !report;
  byId("exports").hidden = !report;
  byId("report").hidden = !report;
}

function isoDate(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

/** The filters in the page's address, the last 30 days by default. */
function readFilters() {
  const query = new URLSearchParams(location.search);
  const today = new Date();
  const monthAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 30);
  const filters = { from: query.get("from") || isoDate(monthAgo), to: query.get("to") || isoDate(today) };
  for (const name of ["team", "rep", "jurisdiction"]) filters[name] = query.get(name) ?? "";
  return filters;
}

function query(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  params.set("tz", zone);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params;
}

function fillForm(filters) {
  for (const name of FILTERS) byId(name).value = filters[name];
  byId("zone").textContent = zone;
}

function formFilters() {
  return Object.fromEntries(FILTERS.map((name) => [name, byId(name).value.trim()]));
}

function setExports(filters) {
  byId("export-csv").href = `${API}?${query(filters, { format: "csv" })}`;
  byId("export-json").href = `${API}?${query(filters)}`;
}

async function load(filters) {
  setStatus("Loading the report…");
  fillForm(filters);
  setExports(filters);
  const response = await session.authorizedFetch(`${API}?${query(filters)}`, { headers: { Accept: "application/json" } });
  if (await handleRefusal(response, { showSignIn, showRefused })) {
    return;
  }

  if (response.status === 400) {
    const problem = await response.json().catch(() => ({}));
    setStatus(`The report cannot be made for these filters: ${problem.detail ?? problem.title ?? "the service refused them"}.`, "warn");
    return show("report");
  }

  if (!response.ok) {
    setStatus(response.status === 503 ? "The CRM is not answering, so your access cannot be checked. Try again in a moment." : `The report could not be loaded (${response.status}).`, "stop");
    return show(null);
  }

  const report = await response.json();
  clearCharts();
  const root = byId("report");
  show("report");
  const { period, sections } = renderReport(report);
  root.replaceChildren(...sections);
  byId("period").replaceChildren(period);
  drawCharts(root);
  offerChoices(report);
  loaded = true;
  document.title = `Call recording compliance, ${filters.from} to ${filters.to}`;
  setStatus(`Report for ${filters.from} to ${filters.to}, times in ${zone}. Signed in as ${session.user?.name ?? "you"}.`, "ok");
}

/** The reps and jurisdictions of a report, offered as choices for the next one. */
function offerChoices(report) {
  const reps = new Map();
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      if (value.rep?.id) reps.set(value.rep.id, value.rep.name ?? value.rep.id);
      Object.values(value).forEach(visit);
    }
  };
  visit(report);
  byId("rep-options").replaceChildren(...[...reps].map(([id, name]) => Object.assign(document.createElement("option"), { value: id, label: name })));
  byId("jurisdiction-options").replaceChildren(...report.calls.byJurisdiction.map((j) => Object.assign(document.createElement("option"), { value: j.jurisdiction })));
}

function reload(filters) {
  loading = (loading ?? Promise.resolve()).then(() => load(filters)).catch((error) => {
    setStatus(`The report could not be loaded: ${error.message}`, "stop");
  });
  return loading;
}

function showRefused(detail) {
  byId("refused-detail").textContent = detail;
  setStatus("Not allowed.", "stop");
  show("refused");
}

function showSignIn() {
  setStatus("Sign in to see the report.");
  show("sign-in");
}

async function download(event) {
  // The API takes the page token, which a plain link cannot carry: fetch the file and hand it to the browser.
  event.preventDefault();
  const anchor = event.currentTarget;
  const response = await session.authorizedFetch(anchor.href);
  if (!response.ok) {
    setStatus(`The export failed (${response.status}).`, "stop");
    return;
  }

  const filters = formFilters();
  const csv = new URL(anchor.href, location.href).searchParams.get("format") === "csv";
  const file = document.createElement("a");
  file.href = URL.createObjectURL(await response.blob());
  file.download = `compliance-${filters.from}-to-${filters.to}.${csv ? "csv" : "json"}`;
  document.body.append(file);
  file.click();
  file.remove();
  setTimeout(() => URL.revokeObjectURL(file.href), 60_000);
}

const session = createSession({
  crm: document.documentElement.dataset.crm === "salesforce" ? "salesforce" : null,
  onChange: (state) => {
    if (state.signedIn && !loaded) {
      reload(readFilters());
    } else if (!state.signedIn) {
      if (state.reason === "popup-blocked") {
        setStatus("The browser blocked the sign-in window. Allow pop-ups for this site, then choose Sign in again.", "warn");
      } else if (state.reason === "refused") {
        setStatus(state.error === "not-a-crm-user" ? "You signed in, but your account is not a user of this CRM." : "Sign-in did not complete. Choose Sign in to try again.", "stop");
      } else {
        loaded = false;
        showSignIn();
      }
    }
  },
});

byId("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const filters = formFilters();
  history.replaceState(null, "", `${location.pathname}?${query(filters)}`);
  reload(filters);
});
byId("export-csv").addEventListener("click", download);
byId("export-json").addEventListener("click", download);
byId("print").addEventListener("click", () => window.print());
byId("sign-in-button").addEventListener("click", () => {
  session.signIn().catch((error) => {
    if (error?.reason === "popup-blocked" && window.top === window) {
      session.signInWithRedirect();
    }
  });
});
fillForm(readFilters());
session.restore().then((restored) => {
  if (!restored && !session.signedIn) {
    showSignIn();
  }
});
