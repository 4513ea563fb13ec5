// The sandbox CRM page's Salesforce variant: lists the sandbox org's Contacts and Leads (read from its Salesforce
// stand-in through the service), frames the real dialer as the Open CTI softphone on the service's other loopback
// origin, and plays Lightning's part of Open CTI through the same stand-in the browser tests use.
import { hostSoftphone } from "/sandbox/opencti/opencti-host.js";
import { el, loadRecords } from "/sandbox/records.js";

const recordsBox = document.getElementById("records");
const opened = document.getElementById("opened");
const frame = document.getElementById("dialer");
const tables = [{ type: "Contact", title: "Contacts" }, { type: "Lead", title: "Leads" }];
let view = { records: [], recordings: [] };
let openedId = null;

async function load() {
  const loaded = await loadRecords("/sandbox/crm/salesforce/records", recordsBox, "The sandbox org");
  if (!loaded) return;
  view = loaded;
  render();
}

function render() {
  recordsBox.replaceChildren(...tables.map(({ type, title }) => {
    const rows = view.records.filter((r) => r.objectType === type).map((record) => {
      const recordings = view.recordings.filter((c) => c.whoId === record.id);
      const row = el("tr", {},
        el("td", {}, el("strong", { textContent: record.name }), record.detail ? el("div", { className: "muted", textContent: record.detail }) : ""),
        el("td", {}, record.phone ? phoneLink(record) : "no number"),
        el("td", {}, recordings.length === 0 ? el("span", { className: "muted", textContent: "No recordings yet" }) : el("ul", { className: "calls" }, ...recordings.map(recordingItem))));
      if (record.id === openedId) row.setAttribute("aria-current", "true");
      return row;
    });
    const heading = el("h2", { id: `${type}-title`, textContent: title });
    const table = el("table", {},
      el("thead", {}, el("tr", {}, ...["Name", "Phone", "Call Recordings"].map((h) => el("th", { scope: "col", textContent: h })))),
      el("tbody", {}, ...rows));
    table.setAttribute("aria-labelledby", heading.id);
    return el("section", {}, heading, table);
  }));
}

// A phone field in Lightning is a click-to-dial link once the softphone has enabled click-to-dial.
function phoneLink(record) {
  const button = el("button", { type: "button", className: "link", textContent: record.phone });
  button.setAttribute("aria-label", `Call ${record.name} at ${record.phone}`);
  button.addEventListener("click", () => {
    performance.mark("crr-click-to-dial");
    softphone.clickToDial({ number: record.phone, recordId: record.id, recordName: record.name, objectType: record.objectType })
      .catch((error) => { opened.textContent = error.message; });
  });
  return button;
}

function recordingItem(recording) {
  const when = recording.createdDate ? new Date(recording.createdDate).toLocaleString() : "";
  const item = el("li", {}, `${recording.decision ?? "call"}${when ? ` · ${when}` : ""} `);
  if (recording.recordingUrl) {
    // The Recording URL field of the Call Recording record; the player asks for the Salesforce sign-in.
    const url = new URL(recording.recordingUrl, window.location.href);
    url.searchParams.set("crm", "salesforce");
    item.append(el("a", { href: url.href, target: "_blank", rel: "noopener", textContent: "Play recording" }));
  }
  return item;
}

const softphone = hostSoftphone({
  frame,
  softphoneOrigin: recordsBox.dataset.dialerOrigin,
  onVisibility: (visible) => frame.parentElement.classList.toggle("minimized", !visible),
  onScreenPop: (type, params) => {
    openedId = params.recordId ?? null;
    const record = view.records.find((r) => r.id === openedId);
    opened.textContent = record ? `Opened ${record.objectType} ${record.name}.` : `Opened ${params.recordId}.`;
    load();
  },
});

await load();
frame.src = frame.dataset.src;
