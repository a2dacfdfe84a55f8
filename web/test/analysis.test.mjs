// The dashboard's Analysis section in a real browser (Debian's Chromium, driven by playwright-core) against the real
// `autocut serve` and its real analysis worker, on a video made by ffmpeg with four scenes of known colours. Ollama
// and the cloud are played by a loopback stand-in replaying their recorded, documented answers (tests/recorded):
// no model runs here. Run by `make test` through ctest, which passes AUTOCUT_BINARY.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { binary, serve, startStandIns, stop } from "./serve.mjs";

const here = dirname(new URL(import.meta.url).pathname);
const output = process.env.AUTOCUT_TEST_OUTPUT ?? join(tmpdir(), "autocut-dashboard");
const work = mkdtempSync(join(tmpdir(), "autocut-analysis-page-"));
const state = join(work, "state");
const video = join(work, "four colours.mp4");
// Each scene's colour as ffmpeg makes it, and how its mean is told apart. Consecutive scenes differ enough in hue,
// saturation or value for the content detector (HSV) to cut between them.
const COLOURS = [
  ["red", "red", ([r, g, b]) => r > 200 && g < 70 && b < 70],
  ["blue", "0x0000a0", ([r, g, b]) => b > 120 && r < 60 && g < 60],
  ["green", "lime", ([r, g, b]) => g > 200 && r < 70 && b < 70],
  ["white", "white", ([r, g, b]) => r > 200 && g > 200 && b > 200],
];
const FOUR_SCENES = JSON.stringify(COLOURS.map((_, i) => ({ start: i * 2, end: (i + 1) * 2 })));

let browser;
let standIns;
let server;
let page;
const consoleErrors = [];

function startService() {
  return serve(state, {
    environment: {
      OLLAMA_HOST: standIns.url,
      OPENAI_API_KEY: "sk-test-dashboard-not-a-key",
      OPENAI_BASE_URL: `${standIns.url}/v1`,
      AUTOCUT_RULE_FAILURES_MIN_TASKS: "4",
    },
  });
}

async function openPage() {
  page = await browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 1000 } });
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(`http://127.0.0.1:${server.port}/`);
  await page.locator("#connection[data-state=connected]").waitFor();
  // The local model is known once the AI servers have answered: the backend list offers it then.
  await page.locator("#analysis-backend option[value=ollama-cpu]").waitFor({ state: "attached", timeout: 10000 });
}

async function startJob({ backend = "", sceneFile = null } = {}) {
  const before = await page.locator("#jobs li.job").count();
  const shown = await page.evaluate(() => document.getElementById("sheet").dataset.id ?? "");
  await page.fill("#video-path", video);
  if (sceneFile) {
    await page.check("input[name=scene-source][value=file]");
    await page.setInputFiles("#scene-file", { name: "scenes.json", mimeType: "application/json", buffer: Buffer.from(sceneFile) });
  } else {
    await page.check("input[name=scene-source][value=detect]");
  }
  await page.selectOption("#analysis-backend", backend);
  await page.click("#analysis-start");
  await page.waitForFunction((count) => document.querySelectorAll("#jobs li.job").length > count, before);
  // The sheet turns to the new job once its document has come: until then it still shows the one before.
  await page.waitForFunction((previous) => (document.getElementById("sheet").dataset.id ?? "") !== previous, shown);
  return page.locator("#sheet").getAttribute("data-id");
}

async function jobDocument(id) {
  return (await fetch(`http://127.0.0.1:${server.port}/api/analyze/${id}`)).json();
}

// The mean colour of each picture on the sheet, as the page shows it.
function meanColours() {
  return page.$$eval("#scenes .thumb img", (images) =>
    images.map((img) => {
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext("2d");
      context.drawImage(img, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const sum = [0, 0, 0];
      for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c] += data[i + c];
      return sum.map((total) => Math.round(total / (data.length / 4)));
    }),
  );
}

before(async () => {
  assert.ok(binary, "AUTOCUT_BINARY names the autocut executable");
  mkdirSync(output, { recursive: true });
  const inputs = COLOURS.flatMap(([, colour]) => ["-f", "lavfi", "-i", `color=c=${colour}:size=320x240:rate=25:duration=2`]);
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...inputs, "-filter_complex",
    "[0:v][1:v][2:v][3:v]concat=n=4:v=1:a=0,format=yuv420p[v]", "-map", "[v]", "-c:v", "libx264", video]);
  standIns = await startStandIns(join(here, "../../tests/recorded"));
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  server = await startService();
  await openPage();
});

after(async () => {
  await browser?.close();
  if (server) await stop(server);
  await standIns?.close();
});

test("a job started from the page shows every detected scene as its picture, in its colour", async () => {
  const id = await startJob({ backend: "builtin" });
  await page.locator(`#jobs li.job[data-id="${id}"][data-state=done]`).waitFor({ timeout: 20000 });
  await page.locator("#sheet[data-state=done]").waitFor();
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll("#scenes .thumb img")];
    return images.length === 4 && images.every((img) => img.complete && img.naturalWidth > 0);
  }, null, { timeout: 10000 });
  const colours = await meanColours();
  COLOURS.forEach(([name, , looksLike], i) => assert.ok(looksLike(colours[i]), `scene ${i + 1} is ${name}: ${colours[i]}`));

  const job = await jobDocument(id);
  const labels = await page.$$eval("#scenes li.scene", (cards) => cards.map((card) => card.dataset.backend));
  assert.deepEqual(labels, job.scenes.map((scene) => scene.backend));
  assert.equal(await page.locator("#timeline .segment").count(), 4);
  assert.match(await page.locator("#scenes li.scene").first().locator(".measurements").textContent(), /brightness \d/);
  // The download is the job's own document.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#sheet-download")]);
  assert.equal(download.suggestedFilename(), `analysis-${id}.json`);
  const downloaded = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.deepEqual(downloaded.scenes, job.scenes);
  await page.locator("#analysis").screenshot({ path: join(output, "dashboard-analysis.png") });
});

test("cancelling mid-job keeps the finished scenes on the sheet", async () => {
  standIns.chat = () => ({ status: 200, body: '{"model":"moondream:latest","message":{"role":"assistant","content":"A slow answer."},"done":true}', delayMs: 1200 });
  const id = await startJob({ backend: "ollama-cpu", sceneFile: FOUR_SCENES });
  await page.locator("#scenes li.scene").first().waitFor({ timeout: 15000 });
  await page.locator(`#jobs li.job[data-id="${id}"] .job-cancel`).click();
  await page.locator(`#jobs li.job[data-id="${id}"][data-state=cancelled]`).waitFor({ timeout: 15000 });
  await page.locator("#sheet[data-state=cancelled]").waitFor();
  const job = await jobDocument(id);
  assert.equal(job.state, "cancelled");
  assert.ok(job.scenes.length >= 1 && job.scenes.length < 4, `${job.scenes.length} scenes done`);
  assert.equal(await page.locator("#scenes li.scene").count(), job.scenes.length);
  assert.equal(await page.locator("#scenes li.scene[data-backend=ollama-cpu]").count(), job.scenes.length);
});

test("when Ollama starts failing mid-job the timeline shows vision moving to the cloud", async () => {
  standIns.chats = 0;
  const broken = '{"error":"llama runner process has terminated: signal: killed"}';
  standIns.chat = ({ count }) => (count < 2 ? { status: 200, body: '{"model":"moondream:latest","message":{"role":"assistant","content":"A flat field of colour."},"done":true}' } : { status: 500, body: broken });
  const id = await startJob({ sceneFile: FOUR_SCENES });
  await page.locator("#sheet[data-state=done]").waitFor({ timeout: 30000 });
  const job = await jobDocument(id);
  assert.deepEqual(job.scenes.map((s) => s.backend), ["ollama-cpu", "ollama-cpu", "cloud", "cloud"]);
  const move = page.locator("#timeline .plan-change");
  assert.equal(await move.count(), 1);
  assert.equal(await move.getAttribute("data-backend"), "cloud");
  assert.equal(Number(await move.getAttribute("data-at")), 4, "after the second scene, at 0:04");
  assert.deepEqual(await page.$$eval("#timeline .segment", (all) => all.map((s) => s.dataset.backend)), job.scenes.map((s) => s.backend));
  assert.match(await move.getAttribute("title"), /cloud \(HYBRID\)/);
  await page.locator("#analysis").screenshot({ path: join(output, "dashboard-analysis-moved.png") });
});

test("in Chinese the section speaks Chinese", async () => {
  await page.click("#language");
  await page.locator("#analysis h2", { hasText: "视频分析" }).waitFor();
  await page.locator("#jobs .job-progress", { hasText: "已完成" }).first().waitFor();
  await page.locator("#analysis").screenshot({ path: join(output, "dashboard-analysis-zh.png") });
  await page.click("#language");
  await page.locator("#analysis h2", { hasText: "Analysis" }).waitFor();
});

test("after a restart of the service the page still lists the finished jobs and shows their pictures", async () => {
  const before = await page.$$eval("#jobs li.job", (items) => items.map((item) => item.dataset.id));
  const port = server.port;
  await stop(server);
  server = null;
  await page.locator("#connection[data-state=disconnected]").waitFor({ timeout: 5000 });
  // Back behind a token: the pictures then travel with it (fetched, shown from memory).
  const tokenFile = join(work, "token");
  writeFileSync(tokenFile, "analysis-page-token-0123456789\n");
  server = await serve(state, {
    listen: `127.0.0.1:${port}`,
    extra: ["--token-file", tokenFile],
    environment: { OLLAMA_HOST: standIns.url, OPENAI_API_KEY: "sk-test-dashboard-not-a-key", OPENAI_BASE_URL: `${standIns.url}/v1` },
  });
  await page.reload();
  await page.locator("#token-dialog[open]").waitFor({ timeout: 5000 });
  await page.fill("#token", "analysis-page-token-0123456789");
  await page.click("#token-confirm");
  await page.locator("#connection[data-state=connected]").waitFor({ timeout: 10000 });
  await page.waitForFunction((count) => document.querySelectorAll("#jobs li.job").length === count, before.length, { timeout: 10000 });
  assert.deepEqual(await page.$$eval("#jobs li.job", (items) => items.map((item) => item.dataset.id)), before);
  const first = before[before.length - 1]; // the oldest: the four colours found by detection
  await page.locator(`#jobs li.job[data-id="${first}"] .job-open`).click();
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll("#scenes .thumb img")];
    return images.length === 4 && images.every((img) => img.complete && img.naturalWidth > 0);
  }, null, { timeout: 10000 });
  assert.match(await page.locator("#scenes .thumb img").first().getAttribute("src"), /^blob:/);
  const colours = await meanColours();
  assert.ok(COLOURS[0][2](colours[0]), `still red: ${colours[0]}`);
});

test("the charts' time axes read in whole seconds, minutes or hours at every range", async () => {
  const ticks = () => page.locator("#charts .chart[data-chart=cpu]").getAttribute("data-ticks");
  const whole = /^\d{2}:\d{2}(:\d{2})?$/;
  for (const minutes of [5, 60, 1440]) {
    await page.click(`#chart-range button[data-minutes="${minutes}"]`);
    await page.locator(`#chart-range button[data-minutes="${minutes}"][aria-pressed=true]`).waitFor();
    const labels = (await ticks()).split("|");
    assert.ok(labels.length >= 2, `${minutes} min: ${labels}`);
    for (const label of labels) assert.match(label, whole, `${minutes} min: ${labels}`);
    if (minutes >= 60) for (const label of labels) assert.match(label, /^\d{2}:\d{2}$/, `${minutes} min: ${labels}`);
  }
  await page.screenshot({ path: join(output, "dashboard-with-analysis.png"), fullPage: true });
  await page.click(`#chart-range button[data-minutes="5"]`);
});

test("no errors in the browser console", () => {
  // A refused stream while the server was down is the browser reporting the outage the page shows; nothing else.
  const unexpected = consoleErrors.filter((text) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(text));
  assert.deepEqual(unexpected, []);
});
