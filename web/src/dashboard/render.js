// Turns the service's documents into the page. Only textContent is set from data: nothing the service or a
// machine reports can become markup.
import { t } from "./i18n.js";

const GiB = 1024 ** 3;

export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function gib(bytes) {
  return bytes == null ? "?" : `${(bytes / GiB).toFixed(1)} GiB`;
}

function facts(list, pairs) {
  list.replaceChildren(...pairs.flatMap(([term, value, id]) => {
    const dd = element("dd", value);
    if (id) dd.id = id;
    return [element("dt", term), dd];
  }));
}

export function renderLevel(monitor, lang) {
  document.getElementById("level").textContent = monitor.level;
  document.getElementById("level").dataset.level = monitor.level;
  document.getElementById("detected-class").textContent = monitor.detected_class;
  document.getElementById("manual-floor").textContent = monitor.manual_floor ?? t(lang, "none");
  document.getElementById("active-rules").textContent = monitor.active_rules.length ? monitor.active_rules.join(", ") : t(lang, "none");
  const mode = [monitor.automatic ? t(lang, "automatic") : t(lang, "manual_only")];
  if (monitor.dry_run) mode.push(t(lang, "dry_run"));
  document.getElementById("mode").textContent = mode.join(", ");
  const toggle = document.getElementById("dry-run");
  toggle.textContent = t(lang, monitor.dry_run ? "dry_run_on" : "dry_run_off");
  toggle.setAttribute("aria-pressed", String(monitor.dry_run));
}

export function renderMachine(profile, lang) {
  const cpu = profile.cpu ?? {};
  const memory = profile.memory ?? {};
  const runtime = (profile.runtimes ?? []).find((r) => r.running) ?? null;
  const visionModels = runtime ? runtime.models.filter((m) => m.vision).map((m) => m.name) : [];
  const editors = [];
  if (profile.editors?.davinci_resolve) editors.push("DaVinci Resolve");
  if (profile.editors?.ffmpeg) editors.push(`ffmpeg ${profile.editors.ffmpeg.version ?? ""}`.trim());
  const keys = ["vision", "planning"].map((kind) => `${kind}: ${t(lang, profile.cloud?.[kind]?.key_present ? "present" : "absent")}`);
  let memoryText = `${gib(memory.total_bytes)} (${t(lang, "available")} ${gib(memory.available_bytes)})`;
  if (memory.limited_by_container) memoryText += ` · ${t(lang, "container_limit")}`;
  facts(document.getElementById("machine"), [
    [t(lang, "cpu"), `${cpu.model ?? "?"} · ${cpu.threads ?? "?"} ${t(lang, "threads")} · ${t(lang, "tier")} ${cpu.score ?? "?"}`, "cpu"],
    [t(lang, "threads"), String(cpu.threads ?? "?"), "cpu-threads"],
    [t(lang, "memory"), memoryText, "memory"],
    [t(lang, "runtime"), runtime ? `${runtime.kind} ${runtime.version ?? ""} · ${t(lang, "vision_models")}: ${visionModels.join(", ") || t(lang, "none")}` : t(lang, "not_found")],
    [t(lang, "editors"), editors.join(", ") || t(lang, "not_found")],
    [t(lang, "cloud_keys"), keys.join(" · ")],
  ]);
  document.getElementById("memory").dataset.totalBytes = String(memory.total_bytes ?? "");

  const gpus = document.getElementById("gpus");
  gpus.replaceChildren(...(profile.gpus ?? []).map((gpu) => {
    const box = element("div", null, "gpu");
    box.append(element("div", `${gpu.name ?? gpu.pci_address} (${gpu.pci_address})`, "gpu-name"));
    if (gpu.memory_total_bytes) {
      const used = gpu.memory_used_bytes ?? 0;
      const bar = element("meter");
      bar.min = 0;
      bar.max = gpu.memory_total_bytes;
      bar.value = used;
      bar.high = gpu.memory_total_bytes * 0.85;
      bar.title = `${gib(used)} / ${gib(gpu.memory_total_bytes)}`;
      box.append(bar, element("span", bar.title, "gpu-figures"));
    }
    return box;
  }));
}

export function renderTasks(policy, lang) {
  const tasks = document.getElementById("tasks");
  tasks.replaceChildren(...["vision", "planning", "editing"].map((kind) => {
    const task = policy[kind];
    const row = element("div", null, "task");
    row.dataset.kind = kind;
    row.append(element("h3", t(lang, kind)));
    row.append(element("div", [task.backend, task.model, task.device].filter(Boolean).join(" · "), "task-where"));
    if (task.reasons?.length) row.append(element("p", task.reasons[0].text, "task-why"));
    return row;
  }));
}

export function renderEvents(events, lang) {
  const list = document.getElementById("events");
  if (!events.length) return list.replaceChildren(element("li", t(lang, "no_events"), "empty"));
  list.replaceChildren(...events.slice().reverse().map((event) => {
    const item = element("li");
    item.append(element("time", new Date(event.time).toLocaleTimeString(lang === "zh" ? "zh-CN" : "en")));
    item.append(element("strong", ` ${event.from} → ${event.to} `));
    item.append(element("span", `${event.rule}${event.reason ? ` · ${event.reason}` : ""}`, "rule"));
    const values = Object.entries(event.values ?? {}).map(([k, v]) => `${k} ${Number(v).toFixed(1)}`).join(", ");
    if (values) item.append(element("div", values, "values"));
    if (event.applied === false) item.classList.add("dry-run");
    return item;
  }));
}
