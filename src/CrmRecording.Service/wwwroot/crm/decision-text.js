// The consent decision in words a rep understands: what will happen on the call, and why.

const headlines = {
  "record": { text: "This call will be recorded from the moment the customer answers.", tone: "record" },
  "record-after-notice": { text: "The customer will hear a recording notice first; recording starts after it.", tone: "notice" },
  "record-after-consent": { text: "The customer will be asked for consent. The call is recorded only if they say yes.", tone: "consent" },
  "do-not-record": { text: "This call will NOT be recorded.", tone: "stop" },
};

const isLocation = (r) => r.startsWith("Customer location") || r.startsWith("Only the country");
const isConsent = (r) => r.startsWith("Consent ") || /do[- ]not[- ]record/i.test(r) && !r.startsWith("do-not-record:");

/** Splits the API's decision into the parts the pane shows. */
export function describeDecision(placed) {
  const headline = headlines[placed.decision] ?? { text: `Decision: ${placed.decision}.`, tone: "notice" };
  const reasons = placed.reasons ?? [];
  const consent = reasons.filter((r) => !r.startsWith(`${placed.decision}:`) && isConsent(r));
  const why = placed.summary ? placed.summary.charAt(0).toUpperCase() + placed.summary.slice(1) : "";
  return {
    headline: headline.text,
    tone: headline.tone,
    why: `Why: ${why}`,
    jurisdictions: (placed.jurisdictions ?? []).join(", ") || "none known",
    consent: consent.length > 0 ? consent.join(" ") : "Nothing on file for this customer.",
    evidence: reasons.filter((r) => !r.startsWith(`${placed.decision}:`)).sort((a, b) => Number(isLocation(b)) - Number(isLocation(a))),
    versions: placed.rulesVersion ?? "",
  };
}

const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The recording line shown in large type, and its style. */
export function recordingLine(state) {
  switch (state.recording) {
    case "recording": return { text: "● Recording", tone: "on" };
    case "paused": {
      const open = state.pausedSpans.find((p) => !p.to);
      return { text: `Recording paused since ${open ? time(open.from) : "now"}: nothing is recorded until you resume.`, tone: "paused" };
    }
    case "stopped": return { text: "Recording stopped: the customer did not agree.", tone: "" };
    case "not-recorded": return { text: "Not recorded.", tone: "" };
    case "finished": return { text: state.stored.length > 0 ? "Recording stored." : "Recording finished; it is being stored…", tone: "" };
    default: return { text: state.decision === "do-not-record" ? "Not recorded." : "Not recording yet.", tone: "" };
  }
}

const consentWords = {
  granted: "The customer agreed to be recorded",
  declined: "The customer said no to recording: the call is not recorded",
  "no-answer": "The customer did not answer the consent question: the call is not recorded",
  unclear: "The customer's answer was unclear: the call is not recorded",
};

/** Every milestone reached so far, in order, as short sentences (the newest is announced). */
export function milestones(state) {
  const lines = ["Ringing."];
  if (state.phase === "answered" || (state.phase === "ended" && (state.disclosurePlayed || state.consent))) lines.push("The customer answered.");
  if (state.disclosurePlayed) lines.push(state.decision === "record-after-consent" ? "The customer heard the consent question." : "The customer heard the recording notice.");
  if (state.consent) lines.push(`${consentWords[state.consent.answer] ?? state.consent.answer} (${state.consent.method}).`);
  if (state.manualStartAt) lines.push(`You started recording at ${time(state.manualStartAt)}.`);
  for (const span of state.pausedSpans) {
    lines.push(`Recording paused at ${time(span.from)}.`);
    if (span.to) lines.push(`Recording resumed at ${time(span.to)}.`);
  }
  if (state.phase === "ended") lines.push(`Call ended${state.endStatus && state.endStatus !== "completed" ? ` (${state.endStatus})` : ""}.`);
  for (const stored of state.stored) lines.push(`Recording stored: ${stored.recordingId}${stored.seconds != null ? ` (${stored.seconds} s)` : ""}.`);
  return lines;
}

export function spanText(span) {
  return span.to ? `${time(span.from)} – ${time(span.to)}` : `${time(span.from)} – still paused`;
}
