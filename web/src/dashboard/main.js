// The dashboard: loads the service's status, then follows its event stream. State flows one way: documents from
// the service → this state → the page.
import { AnalysisPanel } from "./analysis.js";
import { Api, ApiError } from "./api.js";
import { LiveCharts } from "./charts.js";
import { applyWords, initialLanguage, t } from "./i18n.js";
import { renderEvents, renderLevel, renderMachine, renderTasks } from "./render.js";
import { openStream } from "./stream.js";
import "./style.css";

const RANGES = [5, 60, 1440]; // minutes
const savedRange = Number(sessionStorage.getItem("autocut.range"));
const state = { language: initialLanguage(), status: null, events: [], minutes: RANGES.includes(savedRange) ? savedRange : 5 };
const api = new Api(askToken);
const charts = new LiveCharts(document.getElementById("charts"));
const analysis = new AnalysisPanel(api);

function askToken() {
  const dialog = document.getElementById("token-dialog");
  const input = document.getElementById("token");
  input.value = "";
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(input.value.trim()), { once: true });
  });
}

function say(message, isError = false) {
  const box = document.getElementById("action-message");
  box.textContent = message;
  box.classList.toggle("error", isError);
}

function render() {
  const { status, language } = state;
  applyWords(language);
  document.getElementById("language").textContent = language === "zh" ? "English" : "中文";
  const badge = document.getElementById("connection");
  badge.textContent = t(language, badge.dataset.state);
  if (!status) return;
  renderLevel(status.monitor, language);
  renderMachine(status.profile, language);
  renderTasks(status.policy, language);
  renderEvents(state.events, language);
  document.getElementById("explanation").textContent = status.explanation;
  analysis.render(language);
  for (const button of document.querySelectorAll("#chart-range button"))
    button.setAttribute("aria-pressed", String(Number(button.dataset.minutes) === state.minutes));
}

async function refresh() {
  const [status, events, history] = await Promise.all([
    api.get(`/api/runtime/status?lang=${state.language}`),
    api.get("/api/runtime/events"),
    api.get(`/api/runtime/monitor/metrics/history?minutes=${state.minutes}`),
    analysis.load(),
  ]);
  state.status = status;
  state.events = events.events;
  charts.setWindow(state.minutes * 60);
  charts.configure(status.monitor.rules, state.language);
  charts.load(history.samples);
  render();
}

async function showRange(minutes) {
  state.minutes = minutes;
  sessionStorage.setItem("autocut.range", String(minutes));
  const history = await api.get(`/api/runtime/monitor/metrics/history?minutes=${minutes}`);
  charts.setWindow(minutes * 60);
  charts.load(history.samples);
  render();
}

async function act(run) {
  say("…");
  try {
    await run();
    say(t(state.language, "done"));
  } catch (error) {
    say(error instanceof ApiError ? error.message : String(error), true);
  }
}

function onEvent(name, data) {
  if (!state.status) return;
  if (name === "sample") {
    charts.add(data);
    state.status.monitor.level = data.level;
    state.status.monitor.active_rules = data.active_rules;
    renderLevel(state.status.monitor, state.language);
  } else if (name === "transition") {
    state.events.push(data);
    if (data.applied) state.status.monitor.level = data.to;
    renderEvents(state.events, state.language);
    refresh().catch(() => {});
  } else if (name === "analysis") {
    analysis.update(data);
  } else if (name === "profile" || name === "policy" || name === "monitor") {
    refresh().catch(() => {});
  }
}

function setConnection(connection) {
  const badge = document.getElementById("connection");
  badge.dataset.state = connection;
  badge.textContent = t(state.language, connection);
  // What changed before the stream was open (detection completing as the page loads, a restart) reaches the page
  // only by reading again; documents unchanged since cost a 304 each.
  if (connection === "connected") refresh().catch(() => {});
}

document.getElementById("language").addEventListener("click", () => {
  state.language = state.language === "zh" ? "en" : "zh";
  sessionStorage.setItem("autocut.lang", state.language);
  charts.configure(state.status?.monitor.rules ?? [], state.language);
  refresh().catch(() => render());
});
for (const button of document.querySelectorAll("#chart-range button"))
  button.addEventListener("click", () => showRange(Number(button.dataset.minutes)).catch((error) => say(error.message, true)));
document.getElementById("redetect").addEventListener("click", () => act(() => api.post("/api/runtime/profile/reload")));
document.getElementById("restore").addEventListener("click", () => act(() => api.post("/api/runtime/policy/restore")));
document.getElementById("dry-run").addEventListener("click", () =>
  act(() => api.post(`/api/runtime/monitor/dry-run?enabled=${!state.status?.monitor.dry_run}`)),
);
document.getElementById("degrade").addEventListener("click", () => {
  const dialog = document.getElementById("degrade-dialog");
  document.getElementById("degrade-reason").value = "";
  dialog.showModal();
  dialog.addEventListener(
    "close",
    () => {
      if (dialog.returnValue !== "ok") return;
      const reason = document.getElementById("degrade-reason").value;
      act(() => api.post(`/api/runtime/policy/degrade?reason=${encodeURIComponent(reason)}`));
    },
    { once: true },
  );
});

render();
setConnection("connecting");
refresh()
  .catch((error) => say(error.message ?? String(error), true))
  .finally(() => openStream(api, onEvent, setConnection));
