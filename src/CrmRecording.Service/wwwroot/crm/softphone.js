// The rep's audio. With a Twilio account: the Voice SDK registered as the identity the call flow dials
// (client:rep_<systemuserid>), answering the rep's leg of the call the pane placed. In the sandbox there is no
// account: the Twilio stand-in answers that leg itself, and this simulated device only says so.

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}

async function token(fetcher) {
  const response = await fetcher("/api/voice/token", { method: "POST" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ?? `The softphone token was refused (${response.status}).`);
  return body;
}

/** Registers the rep's softphone; resolves to { mode, identity, expectCall(), hangUp() }. */
export async function startSoftphone(fetcher, onStatus) {
  const first = await token(fetcher);
  if (first.mode === "simulated") {
    onStatus(`Simulated phone (${first.identity}): the sandbox answers your line for you, so you hear nothing.`);
    return { mode: "simulated", identity: first.identity, expectCall() {}, hangUp() {} };
  }

  await loadScript("/lib/twilio-voice/twilio.min.js");
  const device = new window.Twilio.Device(first.token, { closeProtection: true });
  let expecting = false;
  device.on("incoming", (call) => {
    // Only the leg of the call this pane just placed is answered; anything else is declined.
    if (expecting) {
      expecting = false;
      call.accept();
      onStatus("Your line is connected.");
    } else {
      call.reject();
    }
  });
  device.on("tokenWillExpire", async () => device.updateToken((await token(fetcher)).token));
  device.on("error", (error) => onStatus(`Phone problem: ${error.message}`));
  await device.register();
  onStatus(`Phone ready (${first.identity}).`);
  return {
    mode: "twilio",
    identity: first.identity,
    /** The next incoming leg is the one the pane is placing (set before the request: Twilio may ring first). */
    expectCall(on = true) { expecting = on; },
    hangUp() { device.disconnectAll(); },
  };
}
