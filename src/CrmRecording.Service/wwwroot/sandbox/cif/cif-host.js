// The CRM side of the CIF stand-in (what Dynamics 365 itself does around the channel provider's iframe): answers the
// widget library's calls, and raises onclicktoact in the panel when the rep clicks a number. Messages go to and come
// only from the exact origin of the dialer's frame.

/** Parses the query part of searchAndOpenRecords: $filter=<column> eq '<text>' or <column> eq <guid>. */
function parseFilter(query) {
  const filter = new URLSearchParams(String(query).replace(/^\?/, "")).get("$filter") ?? "";
  const match = /^\s*([a-z0-9_]+)\s+eq\s+(?:'((?:[^']|'')*)'|([0-9a-fA-F-]{36}))\s*$/.exec(filter);
  return match ? { column: match[1], value: (match[2]?.replaceAll("''", "'") ?? match[3].toLowerCase()) } : null;
}

/**
 * Hosts the channel provider in `frame` (an iframe on `widgetOrigin`). `rows(entity)` lists the records of a table as
 * Web API rows; `open(entity, id)` shows one; `onMode(mode)` and `onWidth(px)` follow the panel's state.
 * Returns { ready, clickToAct(eventData) }.
 */
export function hostChannel({ frame, widgetOrigin, rows, open, onMode = () => {}, onWidth = () => {} }) {
  const handlers = new Set();
  const results = new Map();
  let nextId = 1;
  let mode = 0;
  let width = 0;
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });

  const post = (message) => frame.contentWindow.postMessage({ ...message, cif: "1.0" }, widgetOrigin);

  const methods = {
    addHandler(name) { handlers.add(String(name).toLowerCase()); if (handlers.has("onclicktoact")) resolveReady(); return true; },
    removeHandler(name) { handlers.delete(String(name).toLowerCase()); return true; },
    setMode(value) { mode = Number(value); onMode(mode); return mode; },
    getMode() { return mode; },
    setWidth(value) { if (Number(value) >= 300) { width = Number(value); onWidth(width); } return width; },
    getWidth() { return width; },
    setClickToAct() { return true; },
    getEnvironment() { return JSON.stringify({ orgUrl: window.location.origin, customParams: "" }); },
    searchAndOpenRecords(entity, query, searchOnly) {
      const filter = parseFilter(query);
      if (!filter) throw new Error(`unsupported query: ${query}`);
      const found = rows(entity).filter((row) => String(row[filter.column] ?? "").toLowerCase() === filter.value.toLowerCase());
      if (!searchOnly && found.length === 1) open(entity, found[0][`${entity}id`]);
      return JSON.stringify(Object.fromEntries(found.map((row, i) => [String(i), row])));
    },
  };

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (event.origin !== widgetOrigin || event.source !== frame.contentWindow || !message || message.cif !== "1.0") return;
    if (message.kind === "hello") {
      post({ kind: "ready" });
    } else if (message.kind === "request") {
      Promise.resolve()
        .then(() => {
          const method = methods[message.method];
          if (!method) throw new Error(`${message.method} is not supported by this CRM`);
          return method(...(message.args ?? []));
        })
        .then((value) => post({ kind: "response", id: message.id, ok: true, value }),
          (error) => post({ kind: "response", id: message.id, ok: false, error: String(error?.message ?? error) }));
    } else if (message.kind === "event-result" && results.has(message.id)) {
      results.get(message.id)(message);
      results.delete(message.id);
    }
  });

  return {
    /** Resolves once the panel has registered its onclicktoact handler. */
    ready,
    /** Raises onclicktoact in the panel with the documented event data; resolves when its handler has. */
    clickToAct(eventData) {
      if (!handlers.has("onclicktoact")) return Promise.reject(new Error("The phone panel is not ready yet."));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        results.set(id, (result) => (result.ok ? resolve() : reject(new Error(result.error))));
        post({ kind: "event", id, name: "onclicktoact", data: JSON.stringify(eventData) });
      });
    },
  };
}
