// A call's live state from GET /api/calls/{id}/events (server-sent events). EventSource cannot send the bearer
// token, so this reads the stream with fetch() and a ReadableStream reader, reconnecting with Last-Event-ID.

function parseEvent(block) {
  const event = { id: null, event: "message", data: [], retry: null };
  for (const line of block.split(/\r?\n/)) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") event.id = value;
    else if (field === "event") event.event = value;
    else if (field === "data") event.data.push(value);
    else if (field === "retry" && /^\d+$/.test(value)) event.retry = Number(value);
  }
  return { ...event, data: event.data.join("\n") };
}

/**
 * Follows a call until its final state or until stop() is called. fetcher(url, init) adds the bearer token;
 * onState(state) gets every state; onProblem(text) a refusal that ends the stream (401, 403, 404).
 */
export function followCall(callId, { fetcher, onState, onProblem }) {
  const controller = new AbortController();
  let lastId = null;
  let retryMs = 2000;

  async function once() {
    const headers = { Accept: "text/event-stream" };
    if (lastId) headers["Last-Event-ID"] = lastId;
    const response = await fetcher(`/api/calls/${encodeURIComponent(callId)}/events`, { headers, signal: controller.signal, cache: "no-store" });
    if ([401, 403, 404].includes(response.status)) {
      const problem = await response.json().catch(() => ({}));
      onProblem(problem.detail ?? `The call's live state is not available (${response.status}).`);
      return true;
    }
    if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);

    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffer += value;
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const separator = buffer.slice(end).match(/^\r?\n\r?\n/)[0];
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + separator.length);
        if (event.id) lastId = event.id;
        if (event.event === "state" && event.data) {
          const state = JSON.parse(event.data);
          onState(state);
          if (state.final) {
            controller.abort();
            return true;
          }
        }
        if (event.retry) retryMs = event.retry;
      }
    }
  }

  const done = (async () => {
    while (!controller.signal.aborted) {
      try {
        if (await once()) return;
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      // The connection dropped before the final state: reconnect (the service starts again with the current state).
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  })();

  return { stop: () => controller.abort(), done };
}
