// The manager's player: metadata and consent log from the API (page token), the waveform from the service's peaks,
// and the audio through a short-lived media link, which the <audio> element streams with Range requests.
import { createSession, handleRefusal } from "/js/signin.js";
import WaveSurfer from "/lib/wavesurfer/wavesurfer.esm.js";
import RegionsPlugin from "/lib/wavesurfer/regions.esm.js";

const recordingId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() ?? "");
const byId = (id) => document.getElementById(id);
const audio = byId("audio");
let loading = null;
let view = null;
let wave = null;
let linkExpiresAt = 0;

const kinds = {
  "disclosure-played": "disclosure played",
  "consent-granted": "consent given",
  "consent-declined": "consent refused",
  "consent-timeout": "no answer to the consent question",
  "consent-unrecognized": "unclear answer to the consent question",
  "manual-start": "recording started by the rep",
};

const decisions = {
  "record": "Recorded from the start (one-party consent)",
  "record-after-notice": "Recorded after a recording notice",
  "record-after-consent": "Recorded only after the customer agreed",
  "do-not-record": "Not to be recorded",
};

function setStatus(text, tone = "") {
  const status = byId("status");
  status.textContent = text;
  status.className = `status ${tone}`.trim();
}

function show(section) {
  for (const id of ["sign-in", "refused", "recording"]) {
    byId(id).hidden = id !== section;
  }
}

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

function when(iso) {
  const date = new Date(iso);
  return `${date.toLocaleString([], { dateStyle: "medium", timeStyle: "medium" })} (${Intl.DateTimeFormat().resolvedOptions().timeZone})`;
}

/** Seconds from the start of the audio, or null when the recording's start is not known. */
function offset(iso) {
  if (!view?.startedAt) {
    return null;
  }

  return Math.max(0, (Date.parse(iso) - Date.parse(view.startedAt)) / 1000);
}

function link(text, href) {
  if (!href) {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  const a = document.createElement("a");
  a.href = href;
  a.target = "_top";
  a.rel = "noopener";
  a.textContent = text;
  return a;
}

function renderFacts() {
  const call = view.call;
  byId("rep").textContent = call ? (call.repName ?? call.repUserId) : "not linked to a call";
  byId("customer").replaceChildren(call ? link(`${call.customerTable} ${call.customerId}`, call.customerUrl) : "");
  byId("regarding").replaceChildren(call ? link(`${call.entity} ${call.recordId}`, call.recordUrl) : "");
  byId("recorded").textContent = when(view.startedAt ?? view.createdAt);
  byId("decision").textContent = view.decision ? (decisions[view.decision] ?? view.decision) : "not recorded with a decision";

  const events = byId("events");
  events.replaceChildren();
  for (const event of view.consentEvents) {
    const item = document.createElement("li");
    const at = offset(event.at);
    const label = `${kinds[event.kind] ?? event.kind}${event.method ? ` by ${event.method}` : ""}${event.heard ? ` (heard “${event.heard}”)` : ""}, disclosure ${event.disclosureKind} v${event.disclosureVersion}`;
    if (at === null) {
      item.textContent = `${when(event.at)}: ${label}`;
    } else {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = `${clock(at)} ${label}`;
      button.addEventListener("click", () => seek(at));
      item.append(button);
    }

    events.append(item);
  }

  if (view.consentEvents.length === 0) {
    const item = document.createElement("li");
    item.textContent = "No consent events: the decision did not call for a question or a notice.";
    events.append(item);
  }

  const paused = byId("paused");
  paused.replaceChildren(...view.pausedSpans.map((span) => {
    const item = document.createElement("li");
    const from = offset(span.pausedAt);
    const to = span.resumedAt ? offset(span.resumedAt) : null;
    item.textContent = from === null
      ? `${when(span.pausedAt)} to ${span.resumedAt ? when(span.resumedAt) : "the end of the call"} (${span.behavior})`
      : `${clock(from)} to ${to === null ? "the end" : clock(to)} (${span.behavior === "skip" ? "cut out of the audio" : "silent in the audio"})`;
    return item;
  }));
  byId("paused-section").hidden = view.pausedSpans.length === 0;

  if (view.manualStart) {
    byId("manual").textContent = `${when(view.manualStart.at)}, attested: “${view.manualStart.attestation}”`;
  }

  byId("manual-section").hidden = !view.manualStart;
  byId("reasons").replaceChildren(...view.reasons.map((reason) => {
    const item = document.createElement("li");
    item.textContent = reason;
    return item;
  }));
  byId("retention").textContent = view.onHold
    ? "On legal hold: kept until the hold is released."
    : view.deleteAfter ? `Kept until ${when(view.deleteAfter)} (${view.retentionClass}).` : "";
  byId("jump-consent").disabled = consentMoment() === null;
}

function consentMoment() {
  const order = ["consent-granted", "manual-start", "consent-declined", "consent-timeout", "consent-unrecognized", "disclosure-played"];
  for (const kind of order) {
    const event = view?.consentEvents.find((e) => e.kind === kind);
    if (event && offset(event.at) !== null) {
      return offset(event.at);
    }
  }

  return null;
}

function seek(seconds) {
  const duration = audio.duration || wave?.getDuration() || 0;
  audio.currentTime = Math.min(Math.max(0, seconds), duration || seconds);
  byId("position").textContent = clock(audio.currentTime);
}

async function refreshLink() {
  const response = await session.authorizedFetch(view.mediaLinkUrl, { method: "POST" });
  if (!response.ok) {
    throw new Error(`media link: ${response.status}`);
  }

  const issued = await response.json();
  linkExpiresAt = Date.parse(issued.expiresAt);
  return issued.url;
}

async function recoverAudio() {
  // A lapsed link or a dropped connection: a fresh link, the same place, the same state.
  const at = audio.currentTime;
  const playing = !audio.paused;
  try {
    audio.src = await refreshLink();
    audio.currentTime = at;
    if (playing) {
      await audio.play();
    }
  } catch {
    setStatus("The audio could not be loaded. Reload the page to try again.", "stop");
  }
}

function drawWave(peaks) {
  const nonce = document.querySelector("meta[name=style-nonce]")?.content;
  const channels = peaks.channels === 2
    ? [{ waveColor: "#6a7f99", progressColor: "#0b5cad" }, { waveColor: "#8a7a60", progressColor: "#7a4b00" }]
    : undefined;
  wave = WaveSurfer.create({
    container: byId("waveform"),
    media: audio,
    peaks: peaks.peaks,
    duration: peaks.duration,
    height: peaks.channels === 2 ? 48 : 96,
    splitChannels: channels,
    waveColor: "#6a7f99",
    progressColor: "#0b5cad",
    cursorColor: "#1b1b1f",
    barWidth: 2,
    barGap: 1,
    dragToSeek: true,
    cspNonce: nonce,
  });
  const regions = wave.registerPlugin(RegionsPlugin.create());
  // Regions are placed on the timeline once wavesurfer knows the duration (after it has read the peaks).
  wave.once("decode", () => {
    for (const span of view.pausedSpans) {
      const start = offset(span.pausedAt);
      if (start !== null) {
        const end = span.resumedAt ? offset(span.resumedAt) : peaks.duration;
        regions.addRegion({ start, end: Math.max(end, start + 0.1), color: "rgba(90, 90, 100, 0.35)", drag: false, resize: false, content: "paused" });
      }
    }

    for (const event of view.consentEvents) {
      const start = offset(event.at);
      if (start !== null) {
        regions.addRegion({ start, color: "#0b5cad", drag: false, resize: false, content: kinds[event.kind] ?? event.kind });
      }
    }
  });

  byId("waveform").setAttribute("aria-label",
    `Waveform of the ${clock(peaks.duration)} call${peaks.channels === 2 ? " (top: rep, bottom: customer)" : ""}, with ${view.consentEvents.length} consent events marked`);
}

function wireControls() {
  const play = byId("play");
  play.addEventListener("click", async () => {
    if (audio.paused) {
      if (Date.now() > linkExpiresAt - 5000) {
        await recoverAudio();
      }

      await audio.play().catch(() => setStatus("The browser did not start the audio; press Play again.", "warn"));
    } else {
      audio.pause();
    }
  });
  audio.addEventListener("play", () => { play.textContent = "Pause"; });
  audio.addEventListener("pause", () => { play.textContent = "Play"; });
  audio.addEventListener("ended", () => { play.textContent = "Play"; });
  audio.addEventListener("timeupdate", () => { byId("position").textContent = clock(audio.currentTime); });
  audio.addEventListener("loadedmetadata", () => { byId("duration").textContent = clock(audio.duration); });
  audio.addEventListener("error", () => { recoverAudio(); });
  byId("back").addEventListener("click", () => seek(audio.currentTime - 10));
  byId("forward").addEventListener("click", () => seek(audio.currentTime + 10));
  byId("jump-consent").addEventListener("click", () => {
    const at = consentMoment();
    if (at !== null) {
      seek(at);
    }
  });
  byId("speed").addEventListener("change", (e) => { audio.playbackRate = Number(e.target.value); });
}

async function load() {
  setStatus("Loading the recording…");
  const response = await session.authorizedFetch(`/api/recordings/${encodeURIComponent(recordingId)}`);
  if (await handleRefusal(response, { showSignIn, showRefused })) {
    return;
  }

  if (response.status === 404) {
    setStatus("There is no such recording, or it was deleted at the end of its retention.", "warn");
    return show(null);
  }

  if (!response.ok) {
    setStatus(response.status === 503 ? "The CRM is not answering, so your access cannot be checked. Try again in a moment." : `The recording could not be loaded (${response.status}).`, "stop");
    return show(null);
  }

  view = await response.json();
  renderFacts();
  show("recording");
  const [peaksResponse, url] = await Promise.all([session.authorizedFetch(view.peaksUrl), refreshLink()]);
  audio.src = url;
  if (!peaksResponse.ok) {
    // No drawing (damaged or not PCM audio): the controls still play what can be played.
    const problem = await peaksResponse.json().catch(() => ({}));
    setStatus(`No waveform: ${problem.detail ?? `the service answered ${peaksResponse.status}`}. The audio can still be played.`, "warn");
    return;
  }

  drawWave(await peaksResponse.json());
  byId("duration").textContent = clock(wave.getDuration());
  setStatus(`Ready to play. Signed in as ${session.user?.name ?? "you"}.`, "ok");
}

function showRefused(detail) {
  byId("refused-detail").textContent = detail;
  setStatus("Not allowed.", "stop");
  show("refused");
}

function showSignIn() {
  setStatus("Sign in to listen.");
  show("sign-in");
}

const session = createSession({
  // The CRM whose sign-in the page offers, as the service chose it (the link was followed from Salesforce, or not).
  crm: document.documentElement.dataset.crm === "salesforce" ? "salesforce" : null,
  onChange: (state) => {
    if (state.signedIn && !view && !loading) {
      loading = load().finally(() => { loading = null; });
    } else if (!state.signedIn) {
      if (state.reason === "popup-blocked") {
        setStatus("The browser blocked the sign-in window. Allow pop-ups for this site, then choose Sign in again.", "warn");
      } else if (state.reason === "refused") {
        setStatus(state.error === "not-a-crm-user"
          ? "You signed in, but your account is not a user of this CRM."
          : "Sign-in did not complete. Choose Sign in to try again.", "stop");
      } else if (!view) {
        showSignIn();
      } else {
        setStatus("Your sign-in has ended. Sign in again to keep listening.", "warn");
        byId("sign-in").hidden = false;
      }
    }
  },
});

byId("sign-in-button").addEventListener("click", () => {
  session.signIn().catch((error) => {
    // The reason is shown through onChange; a page opened on its own in a tab can still sign in by redirect.
    if (error?.reason === "popup-blocked" && window.top === window) {
      session.signInWithRedirect();
    }
  });
});
wireControls();
// A page opened on its own in a tab may already have a sign-in cookie; in the CRM's frame there is none.
session.restore().then((restored) => {
  if (!restored && !session.signedIn) {
    showSignIn();
  }
});
