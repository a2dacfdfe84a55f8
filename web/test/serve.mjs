// Starting and stopping the real `autocut serve` for the browser tests, and the stand-ins it talks to.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";

export const binary = process.env.AUTOCUT_BINARY;

// Starts the service and resolves with its port once it says it serves. Local AI servers other than the ones the
// test names are a closed port, so the machine's own never join in.
export function serve(state, { listen = "127.0.0.1:0", extra = [], environment = {} } = {}) {
  const closed = "http://127.0.0.1:9";
  const child = spawn(binary, ["serve", "--listen", listen, "--state-dir", state, "--quiet", "--env-file", "/dev/null", ...extra], {
    env: {
      ...process.env,
      AUTOCUT_MONITOR_INTERVAL_S: "0.5",
      AUTOCUT_MONITOR_COOLDOWN_S: "0",
      OLLAMA_HOST: closed,
      LLAMA_CPP_HOST: closed,
      LM_STUDIO_HOST: closed,
      VLLM_HOST: closed,
      OPENAI_API_KEY: "",
      DEEPSEEK_API_KEY: "",
      ...environment,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
      const match = text.match(/\(port (\d+)\)/);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on("exit", (code) => reject(new Error(`autocut serve exited with ${code}`)));
  });
}

export function stop(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once("exit", resolve);
    server.child.kill("SIGTERM");
  });
}

// Ollama and an OpenAI-compatible cloud on one loopback port, answering from the recorded, documented responses in
// tests/recorded (no model runs here). `chat` decides each Ollama chat answer: ({count}) → {status, body, delayMs}.
export function startStandIns(recordedDir) {
  const recorded = (name) => readFileSync(join(recordedDir, name), "utf8");
  const shows = { "moondream:latest": "ollama-show-moondream.json", "llama3.2:3b": "ollama-show-llama3.2.json", "llava:7b": "ollama-show-llava.json" };
  const stands = {
    chats: 0,
    cloudChats: 0,
    chat: () => ({ status: 200, body: recorded("ollama-chat-llava.json") }),
  };
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const reply = (status, text, delayMs = 0) =>
        setTimeout(() => {
          response.writeHead(status, { "Content-Type": "application/json" });
          response.end(text);
        }, delayMs);
      const route = `${request.method} ${request.url}`;
      if (route === "GET /api/version") return reply(200, recorded("ollama-version.json"));
      if (route === "GET /api/tags") return reply(200, recorded("ollama-tags.json"));
      if (route === "GET /api/ps") return reply(200, recorded("ollama-ps.json"));
      if (route === "POST /api/show") {
        const name = shows[JSON.parse(body || "{}").model];
        return name ? reply(200, recorded(name)) : reply(404, recorded("ollama-error-model-not-found.json"));
      }
      if (route === "POST /api/chat") {
        const answer = stands.chat({ count: stands.chats++ });
        return reply(answer.status, answer.body, answer.delayMs);
      }
      if (route === "POST /v1/chat/completions") {
        stands.cloudChats++;
        return reply(200, recorded("openai-chat-completion.json"));
      }
      reply(404, JSON.stringify({ error: `no recorded answer for ${route}` }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      stands.url = `http://127.0.0.1:${server.address().port}`;
      stands.close = () => new Promise((done) => server.close(done));
      resolve(stands);
    }),
  );
}
