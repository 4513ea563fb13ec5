// The CRM host behind a small interface, so the dialer does not depend on Dynamics: this adapter speaks the Channel
// Integration Framework 1.0 (Microsoft.CIFramework, loaded from the org by the page); host-opencti.js exports the
// same connect() for Salesforce.

const ready = (ms) => Promise.race([
  window.crrCifReady ?? Promise.reject(new Error("cif-ready.js did not run")),
  new Promise((_, reject) => setTimeout(() => reject(new Error("The CRM's channel library did not start.")), ms)),
]);

/** Strips the braces Dynamics puts around GUIDs. */
const bare = (id) => (typeof id === "string" ? id.replace(/[{}]/g, "").toLowerCase() : null);

/** An OData string literal inside a query string: a single quote doubled, then URL-encoded (a "+" is not a space). */
const literal = (text) => encodeURIComponent(`'${String(text).replaceAll("'", "''")}'`);

/** The phone columns the service dials; any other column clicked is looked up and dialed by the service's default. */
const phoneFields = ["telephone1", "mobilephone"];

/**
 * Connects to the CRM. onDial({ entity, id, field, phoneField, number }) runs when the rep clicks a phone number (id is
 * null when the CRM did not say which record: findRecords then looks it up). Resolves to
 * { crm, expand, openRecord, findRecords }.
 */
export async function connect({ onDial, timeoutMs = 15000 }) {
  await ready(timeoutMs);
  const cif = window.Microsoft?.CIFramework;
  if (!cif) {
    throw new Error("The CRM's channel library did not load.");
  }

  // CIF hands the handler a JSON string and expects a Promise back.
  await cif.addHandler("onclicktoact", (eventData) => {
    let data;
    try {
      data = JSON.parse(eventData);
    } catch {
      return Promise.reject(new Error("onclicktoact data is not JSON"));
    }

    onDial({
      entity: data.entityLogicalName,
      id: bare(data.entityId ?? data.id ?? null),
      field: data.name ?? null,
      phoneField: phoneFields.includes(data.name) ? data.name : null,
      number: data.value ?? null,
    });
    return Promise.resolve();
  });

  return {
    crm: "dynamics",
    /** Docks the panel (CIF 1.0 mode 1) at a width that fits the decision. */
    async expand() {
      await cif.setMode(1);
      await cif.setWidth(400);
    },
    /** Screen pop: opens the record in the CRM. */
    async openRecord(entity, id) {
      await cif.searchAndOpenRecords(entity, `?$select=${entity}id&$filter=${entity}id eq ${bare(id)}`, false);
    },
    /** The ids of the records of a table whose phone column holds the number clicked. */
    async findRecords(entity, field, number) {
      const json = await cif.searchAndOpenRecords(entity, `?$select=${entity}id&$filter=${field} eq ${literal(number)}`, true);
      const found = JSON.parse(json);
      return Object.values(found ?? {}).map((row) => bare(row?.[`${entity}id`])).filter(Boolean);
    },
  };
}
