// The Lightning side of the Open CTI stand-in (what Salesforce itself does around the softphone's utility-bar iframe):
// answers the library's calls and raises onClickToDial in the softphone when the rep clicks a phone number. Messages go
// to and come only from the exact origin of the softphone's frame.

const ok = (returnValue) => ({ success: true, returnValue, errors: null });
const failed = (message) => ({ success: false, returnValue: null, errors: [{ description: message }] });

/**
 * Hosts the softphone in `frame` (an iframe on `softphoneOrigin`). `onVisibility(visible)` follows the utility-bar
 * panel; `onScreenPop(type, params)` opens a record; `onSaveLog(value)` receives a page-written log (the dialer writes
 * none: the service writes the Task). Returns { enabled, clickToDial(payload) }.
 */
export function hostSoftphone({ frame, softphoneOrigin, onVisibility = () => {}, onScreenPop = () => {}, onSaveLog = () => {} }) {
  let clickToDial = false;
  let visible = false;
  let resolveEnabled;
  const enabled = new Promise((resolve) => { resolveEnabled = resolve; });

  const post = (message) => frame.contentWindow.postMessage({ ...message, opencti: "1" }, softphoneOrigin);

  const methods = {
    enableClickToDial() { clickToDial = true; resolveEnabled(); return ok(null); },
    disableClickToDial() { clickToDial = false; return ok(null); },
    setSoftphonePanelVisibility({ visible: value }) { visible = value === true; onVisibility(visible); return ok(null); },
    isSoftphonePanelVisible() { return ok({ visible }); },
    setSoftphonePanelHeight() { return ok(null); },
    setSoftphonePanelWidth() { return ok(null); },
    screenPop({ type, params }) {
      if (!params) return failed("screenPop needs params.");
      onScreenPop(type, params);
      return ok(null);
    },
    getAppViewInfo() { return ok({ url: window.location.href }); },
    getCallCenterSettings() { return ok({ "/reqGeneralInfo/reqAdapterUrl": frame.src, "/reqGeneralInfo/reqSalesforceCompatibilityMode": "Lightning" }); },
    notifyInitializationComplete() { return ok(null); },
    refreshView() { return ok(null); },
    saveLog({ value }) { onSaveLog(value); return ok({ recordId: null }); },
  };

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (event.origin !== softphoneOrigin || event.source !== frame.contentWindow || !message || message.opencti !== "1" || message.kind !== "request") return;
    const method = methods[message.method];
    const result = method ? method(message.args ?? {}) : failed(`${message.method} is not supported by this org.`);
    post({ kind: "response", id: message.id, result });
  });

  return {
    /** Resolves once the softphone has called enableClickToDial. */
    enabled,
    /** Raises onClickToDial in the softphone with the documented payload, as a click on a phone field does. */
    clickToDial(payload) {
      if (!clickToDial) return Promise.reject(new Error("Click-to-dial is not enabled: the softphone has not started yet."));
      post({ kind: "event", name: "onClickToDial", payload });
      return Promise.resolve();
    },
  };
}
