// The sandbox CRM page: lists the sandbox's seeded records (read from its Dataverse stand-in through the service),
// frames the real dialer on the service's other loopback origin, and plays the CRM's part of the Channel Integration
// Framework through the same stand-in the browser tests use.
import { hostChannel } from "/sandbox/cif/cif-host.js";
import { el, loadRecords } from "/sandbox/records.js";

const recordsBox = document.getElementById("records");
const opened = document.getElementById("opened");
const frame = document.getElementById("dialer");
const widgetOrigin = recordsBox.dataset.dialerOrigin;
const tables = [
  { entity: "contact", title: "Contacts" },
  { entity: "lead", title: "Leads" },
  { entity: "opportunity", title: "Opportunities" },
];
let view = { records: [], phoneCalls: [] };
let openedId = null;

async function load() {
  const loaded = await loadRecords("/sandbox/crm/records", recordsBox, "The sandbox CRM");
  if (!loaded) return;
  view = loaded;
  render();
}

function render() {
  const sections = tables.map(({ entity, title }) => {
    const rows = view.records.filter((r) => r.entity === entity).map((record) => {
      const calls = view.phoneCalls.filter((c) => c.regardingId === record.id);
      const row = el("tr", {},
        el("td", {}, el("strong", { textContent: record.name }), record.detail ? el("div", { className: "muted", textContent: record.detail }) : ""),
        el("td", { textContent: record.phone ?? "no number" }),
        el("td", {}, record.phone ? callButton(record) : ""),
        el("td", {}, calls.length === 0 ? el("span", { className: "muted", textContent: "No calls yet" }) : el("ul", { className: "calls" }, ...calls.map(callItem))));
      if (record.id === openedId) row.setAttribute("aria-current", "true");
      return row;
    });
    const heading = el("h2", { id: `${entity}-title`, textContent: title });
    const table = el("table", {},
      el("thead", {}, el("tr", {}, ...["Name", "Phone", "Call", "Phone calls"].map((h) => el("th", { scope: "col", textContent: h })))),
      el("tbody", {}, ...rows));
    table.setAttribute("aria-labelledby", heading.id);
    return el("section", {}, heading, table);
  });
  recordsBox.replaceChildren(...sections);
}

function callButton(record) {
  const button = el("button", { type: "button", textContent: `Call ${record.name}` });
  button.addEventListener("click", () => {
    performance.mark("crr-click-to-dial");
    // What the Channel Communication Control sends for a phone field: the number, its column, the table (and, as
    // the form knows it, the record).
    channel.clickToAct({ value: record.phone, name: record.phoneField, format: "phone", entityLogicalName: record.entity, entityId: record.id })
      .catch((error) => { opened.textContent = error.message; });
  });
  return button;
}

function callItem(call) {
  const when = call.createdOn ? new Date(call.createdOn).toLocaleString() : "";
  const item = el("li", {}, `${call.subject ?? "Phone call"}${when ? ` · ${when}` : ""} `);
  if (call.recordingId) {
    item.append(el("a", { href: `/recordings/${call.recordingId}`, target: "_blank", rel: "noopener", textContent: "Play recording" }));
  }
  return item;
}

const rowsOf = (entity) => view.records.filter((r) => r.entity === entity).map((r) => ({
  [`${entity}id`]: r.id, fullname: r.name, name: r.name, [r.phoneField ?? "telephone1"]: r.phone,
}));

const channel = hostChannel({
  frame,
  widgetOrigin,
  rows: rowsOf,
  open: (entity, id) => {
    openedId = String(id).toLowerCase();
    const record = view.records.find((r) => r.id === openedId);
    opened.textContent = record ? `Opened ${entity} ${record.name}.` : `Opened ${entity} ${id}.`;
    load();
  },
  onMode: (mode) => frame.parentElement.classList.toggle("minimized", mode === 0),
});

await load();
frame.src = frame.dataset.src;
