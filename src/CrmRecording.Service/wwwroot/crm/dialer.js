// The rep's dialer pane inside the CRM: click to dial → the decision, before anything rings → the call's live state,
// with pause/resume, a hand-started recording (with the rep's attestation) and hang-up. The CRM itself is behind a
// host adapter chosen by the page (data-crm): Dynamics' Channel Integration Framework or Salesforce's Open CTI. Each
// exports connect({ onDial }) resolving to { crm, expand(), openRecord(entity, id), findRecords(entity, field, number) };
// another CRM host (a Salesforce Partner Telephony connector) is one more adapter with the same shape.
import { followCall } from "/crm/call-stream.js";
import { describeDecision, milestones, recordingLine, spanText } from "/crm/decision-text.js";
import { startSoftphone } from "/crm/softphone.js";

const crm = document.documentElement.dataset.crm === "salesforce" ? "salesforce" : "dynamics";
const adapters = { dynamics: "/crm/host-cif.js", salesforce: "/crm/host-opencti.js" };
const $ = (id) => document.getElementById(id);
const ui = {
  status: $("status"), signIn: $("sign-in"), signedInAs: $("signed-in-as"), phoneStatus: $("phone-status"),
  decision: $("decision"), headline: $("decision-headline"), why: $("decision-why"), target: $("decision-target"),
  jurisdictions: $("decision-jurisdictions"), consent: $("decision-consent"), reasons: $("decision-reasons"), versions: $("decision-versions"),
  live: $("live"), recording: $("recording-state"), timeline: $("timeline"), spansBlock: $("paused-spans-block"), spans: $("paused-spans"),
  pause: $("pause"), resume: $("resume"), start: $("start"), hangup: $("hangup"),
  startForm: $("start-form"), attestation: $("attestation"), startCancel: $("start-cancel"), problem: $("problem"),
};

let session = null;
let host = null;
let phone = null;
let current = null; // { callId, entity, id, state, stream }
let announced = "";

function announce(text) {
  if (text && text !== announced) {
    announced = text;
    ui.status.textContent = text;
  }
}

function showProblem(text) {
  ui.problem.textContent = text;
  ui.problem.hidden = !text;
}

async function problemText(response) {
  const body = await response.json().catch(() => ({}));
  return body.detail ?? body.title ?? `The service answered ${response.status}.`;
}

const api = (url, init = {}) => session.authorizedFetch(url, init);
const post = (url, body) => api(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body ?? {}) });

// ---- sign-in -------------------------------------------------------------------------------------------------------

function renderAccount(state) {
  const signedIn = Boolean(session?.signedIn);
  ui.signIn.hidden = signedIn;
  ui.signedInAs.hidden = !signedIn;
  ui.signedInAs.textContent = signedIn ? `Signed in as ${session.user?.name ?? "you"}` : "";
  if (signedIn && !phone) {
    phone = startSoftphone(api, (text) => { ui.phoneStatus.textContent = text; })
      .catch((error) => { phone = null; ui.phoneStatus.textContent = error.message; });
  }
  if (!signedIn && state?.reason === "popup-blocked") announce("The browser blocked the sign-in window. Allow pop-ups for this site, then choose Sign in again.");
  else if (!signedIn && state?.reason === "refused") announce(state.error === "not-a-crm-user" ? "You signed in, but your account is not a user of this CRM." : "Sign-in did not complete. Choose Sign in to try again.");
  else if (!signedIn && current && !current.state?.final) announce("Your sign-in has ended. Sign in again to keep following the call.");
  else if (!signedIn && host && !current) announce("Sign in to place recorded calls.");
  else if (signedIn && host && !current) announce("Ready: click a phone number in the CRM to call.");
}

async function startSession() {
  try {
    const { createSession } = await import("/js/signin.js");
    session = createSession({ onChange: renderAccount, crm });
  } catch {
    ui.signIn.disabled = true;
    announce("Sign-in is not available on this service, so calls can't be placed.");
    return;
  }
  // The reason a sign-in did not complete comes through onChange; the button stays for another try.
  ui.signIn.addEventListener("click", () => { session.signIn()?.catch?.(() => {}); });
  renderAccount();
}

// ---- click to dial -------------------------------------------------------------------------------------------------

async function dial(target) {
  performance.mark("crr-dial-requested");
  if (!session?.signedIn) {
    announce("Sign in first, then click the number again.");
    ui.signIn.focus();
    return;
  }
  if (current && !current.state?.final) {
    announce("Finish the current call before placing another.");
    return;
  }

  current = null;
  showProblem("");
  ui.decision.hidden = true;
  ui.live.hidden = true;
  announce("Checking whether this call may be recorded…");
  host.expand().catch(() => {});

  let id = target.id;
  if (!id) {
    const found = await host.findRecords(target.entity, target.field, target.number).catch(() => []);
    if (found.length === 0) {
      announce(`No ${target.entity} with this number was found in the CRM; the call was not placed.`);
      return;
    }
    id = found[0];
  }

  // The service writes the CRM's activity (phone call, Task) itself; the page only says which record to call.
  const body = { crm: host.crm, entity: target.entity, id };
  if (target.phoneField) body.phoneField = target.phoneField;
  else if (target.number) body.number = target.number; // the service dials the field holding it, never another
  const softphone = await phone;
  softphone?.expectCall(true);
  const response = await post("/api/calls", body).catch(() => null);
  if (!response || response.status !== 201) {
    softphone?.expectCall(false);
    announce(response ? `The call was not placed: ${await problemText(response)}` : "The recording service did not answer; the call was not placed.");
    return;
  }

  const placed = await response.json();
  current = { callId: placed.callId, entity: target.entity, id, state: null, stream: null };
  showDecision(placed, target);
  host.openRecord(target.entity, id).catch(() => {});
  current.stream = followCall(placed.callId, { fetcher: api, onState: showState, onProblem: (text) => showProblem(text) });
}

function showDecision(placed, target) {
  const words = describeDecision(placed);
  ui.headline.textContent = words.headline;
  ui.headline.className = `headline ${words.tone}`;
  ui.why.textContent = words.why;
  ui.target.textContent = `${target.entity} · ${target.number ?? "the number on file"}`;
  ui.jurisdictions.textContent = words.jurisdictions;
  ui.consent.textContent = words.consent;
  ui.reasons.replaceChildren(...words.evidence.map((r) => Object.assign(document.createElement("li"), { textContent: r })));
  ui.versions.textContent = words.versions;
  ui.decision.hidden = false;
  ui.live.hidden = false;
  ui.recording.textContent = placed.decision === "do-not-record" ? "Not recorded." : "Not recording yet.";
  ui.timeline.replaceChildren();
  ui.spansBlock.hidden = true;
  renderButtons(null);
  announce(`${words.headline} Ringing…`);
  // Marks the moment the rep can read the decision (after the next paint), for the click-to-decision measurement.
  requestAnimationFrame(() => performance.mark("crr-decision-shown"));
}

// ---- live state ----------------------------------------------------------------------------------------------------

function showState(state) {
  if (!current || state.callId !== current.callId) return;
  current.state = state;
  const line = recordingLine(state);
  ui.recording.textContent = line.text;
  ui.recording.className = `recording-state ${line.tone}`;
  const steps = milestones(state);
  ui.timeline.replaceChildren(...steps.map((s) => Object.assign(document.createElement("li"), { textContent: s })));
  ui.spansBlock.hidden = state.pausedSpans.length === 0;
  ui.spans.replaceChildren(...state.pausedSpans.map((p) => Object.assign(document.createElement("li"), { textContent: spanText(p) })));
  renderButtons(state);
  announce(steps[steps.length - 1]);
  if (state.final) {
    announce(`${steps[steps.length - 1]} Ready for the next call.`);
    // Back on the record: the CRM shows the phone call with its recording link.
    host.openRecord(current.entity, current.id).catch(() => {});
  }
}

function renderButtons(state) {
  const live = !state || state.phase !== "ended";
  ui.pause.hidden = !(live && state?.recording === "recording");
  ui.resume.hidden = !(live && state?.recording === "paused");
  ui.start.hidden = !(live && state && state.phase === "answered" && !["recording", "paused"].includes(state.recording));
  ui.hangup.hidden = !live;
  for (const button of [ui.pause, ui.resume, ui.start, ui.hangup]) button.disabled = false;
  if (ui.start.hidden) ui.startForm.hidden = true;
}

async function control(button, path, body) {
  button.disabled = true;
  showProblem("");
  const response = await post(`/api/calls/${encodeURIComponent(current.callId)}/${path}`, body).catch(() => null);
  button.disabled = false;
  if (!response || !response.ok) {
    const text = response ? await problemText(response) : "The recording service did not answer.";
    showProblem(text);
    announce(text);
    return false;
  }
  return true;
}

ui.pause.addEventListener("click", () => control(ui.pause, "recording/pause"));
ui.resume.addEventListener("click", () => control(ui.resume, "recording/resume"));
ui.hangup.addEventListener("click", async () => {
  if (await control(ui.hangup, "hangup")) {
    phone?.then((p) => p?.hangUp());
    announce("Hanging up…");
  }
});
ui.start.addEventListener("click", () => {
  ui.startForm.hidden = false;
  ui.attestation.focus();
});
ui.startCancel.addEventListener("click", () => {
  ui.startForm.hidden = true;
  ui.start.focus();
});
ui.startForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (await control(ui.startForm.querySelector("button[type=submit]"), "recording/start", { attestation: ui.attestation.value })) {
    ui.startForm.hidden = true;
    ui.attestation.value = "";
    announce("Recording started by you.");
  }
});

// ---- start ---------------------------------------------------------------------------------------------------------

await startSession();
try {
  const { connect } = await import(adapters[crm]);
  host = await connect({ onDial: (target) => { dial(target).catch((error) => announce(`The call was not placed: ${error.message}`)); } });
  renderAccount();
  if (!session) announce("Sign-in is not available on this service, so calls can't be placed.");
} catch (error) {
  announce(`${error.message} This pane works inside the CRM's phone panel.`);
}
