// The dashboard in a real browser: Debian's Chromium driven by playwright-core (never a browser download), against
// the real `autocut serve` on a loopback port. Run by `make test` through ctest, which passes AUTOCUT_BINARY.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { binary, serve, stop } from "./serve.mjs";

const output = process.env.AUTOCUT_TEST_OUTPUT ?? join(tmpdir(), "autocut-dashboard");
const state = mkdtempSync(join(tmpdir(), "autocut-dashboard-"));
mkdirSync(output, { recursive: true });

// The service on this test's state directory; AI servers of this machine's own never join in.
const serveHere = (listen = "127.0.0.1:0", extra = [], environment = {}) => serve(state, { listen, extra, environment });

let browser;
let server;
let page;
const consoleErrors = [];

before(async () => {
  assert.ok(binary, "AUTOCUT_BINARY names the autocut executable");
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  server = await serveHere();
  page = await browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(`http://127.0.0.1:${server.port}/`);
  await page.locator("#connection[data-state=connected]").waitFor();
});

after(async () => {
  await browser?.close();
  if (server) await stop(server);
});

test("the page shows what /api/runtime/status says", async () => {
  const status = await (await fetch(`http://127.0.0.1:${server.port}/api/runtime/status`)).json();
  await page.locator("#level", { hasText: status.monitor.level }).waitFor();
  assert.equal(await page.locator("#cpu-threads").textContent(), String(status.profile.cpu.threads));
  assert.equal(await page.locator("#memory").getAttribute("data-total-bytes"), String(status.profile.memory.total_bytes));
  assert.match(await page.locator("#explanation").textContent(), /\S/);
  assert.equal(await page.locator(".task").count(), 3);
});

test("the chart receives new points from the stream", async () => {
  const charts = page.locator("#charts");
  const before = Number(await charts.getAttribute("data-points"));
  await page.waitForFunction((count) => Number(document.getElementById("charts").dataset.points) >= count + 2, before);
  assert.ok((await page.locator("#charts .chart").count()) >= 3);
});

test("degrade with a reason lowers the level and adds an event; restore brings it back", async () => {
  const level = (await page.locator("#level").textContent()).trim();
  await page.click("#degrade");
  await page.fill("#degrade-reason", "测试降级 from the browser");
  await page.click("#degrade-confirm");
  await page.waitForFunction((was) => document.getElementById("level").textContent.trim() !== was, level, { timeout: 5000 });
  await page.locator("#events li", { hasText: "测试降级 from the browser" }).waitFor({ timeout: 5000 });
  await page.click("#restore");
  await page.locator("#level", { hasText: level }).waitFor({ timeout: 5000 });
});

test("a failing action shows the server's message", async () => {
  await page.click("#degrade");
  await page.evaluate(() => document.getElementById("degrade-reason").removeAttribute("maxlength"));
  await page.fill("#degrade-reason", "x".repeat(600));
  await page.click("#degrade-confirm");
  await page.locator("#action-message.error", { hasText: "reason must be at most 500 bytes" }).waitFor({ timeout: 5000 });
});

test("the Chinese toggle shows Chinese, and a screenshot is kept", async () => {
  await page.click("#language");
  await page.locator("h1", { hasText: "autocut 运行时" }).waitFor();
  await page.locator("#connection", { hasText: "已连接" }).waitFor();
  await page.locator("#explanation", { hasText: /[\u4e00-\u9fff]/ }).waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(output, "dashboard-zh.png"), fullPage: true });
  await page.click("#language");
  await page.locator("h1", { hasText: "autocut runtime" }).waitFor();
  await page.screenshot({ path: join(output, "dashboard-en.png"), fullPage: true });
  const narrow = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await narrow.goto(`http://127.0.0.1:${server.port}/`);
  await narrow.locator("#connection[data-state=connected]").waitFor();
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `usable on a narrow window (overflows by ${overflow}px)`);
  await narrow.screenshot({ path: join(output, "dashboard-narrow.png"), fullPage: true });
  await narrow.close();
});

test("a dead server is shown as disconnected and the page recovers by itself", async () => {
  const port = server.port;
  await stop(server);
  server = null;
  await page.locator("#connection[data-state=disconnected]").waitFor({ timeout: 5000 });
  assert.match(await page.locator("#connection").textContent(), /disconnected, retrying/);
  server = await serveHere(`127.0.0.1:${port}`);
  await page.locator("#connection[data-state=connected]").waitFor({ timeout: 10000 });
});

test("behind a token the page asks for it once", async () => {
  const tokenFile = join(state, "token");
  writeFileSync(tokenFile, "dashboard-token-0123456789\n");
  const guarded = await serveHere("0.0.0.0:0", ["--token-file", tokenFile]);
  const fresh = await browser.newPage();
  await fresh.goto(`http://127.0.0.1:${guarded.port}/`);
  await fresh.locator("#token-dialog[open]").waitFor({ timeout: 5000 });
  await fresh.fill("#token", "dashboard-token-0123456789");
  await fresh.click("#token-confirm");
  await fresh.locator("#connection[data-state=connected]").waitFor({ timeout: 5000 });
  await fresh.locator("#cpu-threads", { hasText: /\d/ }).waitFor();
  await fresh.close();
  await stop(guarded);
});

test("each GPU has its memory bar and its line on the VRAM chart", async () => {
  // Two NVIDIA cards answering through the ABI-level fake NVML built with the tests (a 4090 and a 3060).
  assert.ok(process.env.AUTOCUT_FAKE_NVML, "AUTOCUT_FAKE_NVML names the fake libnvidia-ml");
  const withGpus = await serveHere("127.0.0.1:0", [], {
    AUTOCUT_NVML_LIBRARY: process.env.AUTOCUT_FAKE_NVML,
    AUTOCUT_FAKE_NVML_SCENARIO: "two-cards",
  });
  const gpuPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await gpuPage.goto(`http://127.0.0.1:${withGpus.port}/`);
  await gpuPage.locator("#level", { hasText: "LOCAL_GPU_HIGH" }).waitFor({ timeout: 5000 });
  assert.equal(await gpuPage.locator("#gpus meter").count(), 2);
  await gpuPage.locator(".gpu-name", { hasText: "RTX 4090" }).waitFor();
  await gpuPage.locator("#charts [data-chart=vram]").waitFor({ timeout: 5000 });
  await gpuPage.waitForFunction(() => Number(document.getElementById("charts").dataset.points) >= 4, null, { timeout: 10000 });
  // Every streamed sample still carries both cards' figures (the background detection must not end NVML's session).
  const monitor = await (await fetch(`http://127.0.0.1:${withGpus.port}/api/runtime/monitor`)).json();
  assert.deepEqual(
    monitor.last_sample.gpus.map((gpu) => gpu.memory_used_percent > 0),
    [true, true],
  );
  await gpuPage.screenshot({ path: join(output, "dashboard-two-gpus.png"), fullPage: true });
  await gpuPage.close();
  await stop(withGpus);
});

test("no errors in the browser console", () => {
  // A refused stream while the server was down is the browser reporting the outage the page shows; nothing else.
  const unexpected = consoleErrors.filter((text) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(text));
  assert.deepEqual(unexpected, []);
});
