// The report's recurring cells: a call (when, who, what was decided, where to listen, where it is in the CRM), a
// user, a link to a CRM row. Every URL comes from the API; a CRM row without one is named as text.
import { el, link, moment } from "/reports/report-view.js";

export const decisionNames = {
  "record": "Recorded (one-party)",
  "record-after-notice": "Recorded after notice",
  "record-after-consent": "Recorded after consent",
  "do-not-record": "Not recorded",
};

export const decisionName = (decision) => decisionNames[decision] ?? decision;

export const userName = (user) => user?.name ?? user?.id ?? "unknown";

/** A CRM row: a link into the CRM when the service knows the CRM's address, else the table and id as text. */
export function crmLink(row, label) {
  if (!row) return el("span", { className: "muted" }, "—");
  return link(label ?? `${row.entity} ${row.id}`, row.url, true);
}

/** "Play" links to the player, one per recording of the call. */
export function playerLinks(recordings) {
  if (!recordings || recordings.length === 0) return el("span", { className: "muted" }, "no recording");
  const list = el("span", { className: "players" });
  recordings.forEach((recording, i) => {
    if (i > 0) list.append(", ");
    list.append(el("a", { href: recording.playerUrl, "aria-label": `Play recording ${recording.recordingId}` }, recordings.length > 1 ? `Play ${i + 1}` : "Play"));
  });
  return list;
}

export function recordingLink(recording) {
  if (!recording) return el("span", { className: "muted" }, "—");
  const short = `Play ${recording.recordingId.slice(0, 8)}`;
  return el("a", { href: recording.playerUrl, "aria-label": `${short}, recording ${recording.recordingId}` }, short);
}

/** The columns that describe a call, for a table whose rows carry the call at row.call (or are calls). */
export function callColumns(callOf, pointerOf) {
  return [
    { title: "Placed", cell: (row, i) => moment(callOf(row).placedAt, `${pointerOf(i)}/placedAt`) },
    { title: "Rep", cell: (row) => userName(callOf(row).rep) },
    { title: "Decision", cell: (row) => `${decisionName(callOf(row).decision)} (${callOf(row).jurisdiction ?? "unknown"})` },
    { title: "Regarding", cell: (row) => crmLink(callOf(row).record) },
    { title: "Customer", cell: (row) => crmLink(callOf(row).customer) },
    { title: "Recording", cell: (row) => playerLinks(callOf(row).recordings) },
  ];
}

export function section(id, title, ...children) {
  return el("section", { className: "report-section", id, "aria-labelledby": `${id}-title` }, el("h2", { id: `${id}-title` }, title), ...children);
}
