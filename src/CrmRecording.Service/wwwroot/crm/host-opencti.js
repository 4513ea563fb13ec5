// The CRM host for Salesforce Lightning: Open CTI (sforce.opencti, from the org's opencti_min.js, which the page loads
// from the Lightning origin Salesforce passed as sfdcIframeOrigin). Same connect() as host-cif.js. Open CTI is in
// maintenance mode (retirement announced for 28 Feb 2028); a Partner Telephony connector would be one more adapter of
// this shape, with the dialer core unchanged.

/** Open CTI answers every call through its callback with { success, returnValue, errors }. */
function call(opencti, method, args = {}) {
  return new Promise((resolve, reject) => {
    if (typeof opencti[method] !== "function") {
      reject(new Error(`Open CTI has no ${method}.`));
      return;
    }
    opencti[method]({
      ...args,
      callback: (result) => {
        if (result?.success) resolve(result.returnValue);
        else reject(new Error((result?.errors ?? []).map((e) => e?.description ?? e?.message ?? String(e)).join(" ") || `${method} failed.`));
      },
    });
  });
}

const withTimeout = (promise, ms, text) => Promise.race([
  promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(text)), ms)),
]);

/**
 * The record a click names. A person account's number comes with its contact, which is the one to call; the phone
 * column is not in the payload, so the service dials the record's Phone, else its MobilePhone.
 */
function target(payload) {
  const person = payload.personAccount === true && payload.contactId;
  return {
    entity: person ? "Contact" : payload.objectType ?? null,
    id: (person ? payload.contactId : payload.recordId) ?? null,
    field: null,
    phoneField: null,
    number: payload.number == null ? null : String(payload.number),
  };
}

/**
 * Connects to Lightning. onDial({ entity, id, field, phoneField, number }) runs when the rep clicks a phone number in
 * Salesforce (onClickToDial). Resolves to { crm, expand, openRecord, findRecords } once click-to-dial is enabled.
 */
export async function connect({ onDial, timeoutMs = 15000 }) {
  const opencti = window.sforce?.opencti;
  if (!opencti) {
    throw new Error("Salesforce's Open CTI library did not load.");
  }

  opencti.onClickToDial({ listener: (payload) => onDial(target(payload ?? {})) });
  await withTimeout(call(opencti, "enableClickToDial"), timeoutMs, "Salesforce did not enable click-to-dial.");

  return {
    crm: "salesforce",
    /** Opens the softphone panel in the utility bar. */
    async expand() {
      await call(opencti, "setSoftphonePanelVisibility", { visible: true });
    },
    /** Screen pop: opens the record in Lightning. */
    async openRecord(entity, id) {
      await call(opencti, "screenPop", { type: opencti.SCREENPOP_TYPE?.SOBJECT ?? "sobject", params: { recordId: id } });
    },
    /** Open CTI always names the record clicked; there is nothing to look up. */
    async findRecords() {
      return [];
    },
  };
}
