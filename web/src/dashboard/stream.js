// The service's event stream, read with fetch so the token can travel in a header (EventSource cannot send one).
// Reconnects by itself, waiting a little longer after each failure, up to five seconds.
export function openStream(api, onEvent, onState) {
  let wait = 250;
  const run = async () => {
    for (;;) {
      try {
        const response = await fetch("/api/runtime/events/stream", { headers: api.headers(), cache: "no-store" });
        if (response.status === 401) {
          await api.authorize();
          continue;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onState("connected");
        wait = 250;
        await readEvents(response.body, onEvent);
      } catch {
        // fall through to the retry below
      }
      onState("disconnected");
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 5000);
    }
  };
  run();
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (data) onEvent(name, JSON.parse(data));
    }
  }
}
