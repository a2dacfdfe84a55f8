// The Analysis section: start a job on a video on the service's machine, follow the jobs live from the event
// stream, and see one job as a contact sheet — each scene's picture, the backend that answered, what was said of
// it and what was measured — under a timeline of the video coloured by backend, with the points where the policy
// moved vision marked. The service's documents flow one way into this state and from it into the page.
import { ApiError } from "./api.js";
import { t } from "./i18n.js";
import { element } from "./render.js";

const BACKEND_COLOURS = {
  "ollama-gpu": "#059669",
  "ollama-cpu": "#0d9488",
  "local-openai": "#7c3aed",
  cloud: "#2563eb",
  builtin: "#6b7280",
};
const colourOf = (backend) => BACKEND_COLOURS[backend] ?? "#d97706";

// 75 → "1:15", 3725 → "1:02:05"; tenths only where a scene is shorter than a second.
export function clockTime(seconds, withTenths = false) {
  if (seconds == null || !Number.isFinite(seconds)) return "?";
  const whole = withTenths ? Math.floor(seconds) : Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  const tenths = withTenths ? `.${Math.floor((seconds - whole) * 10)}` : "";
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}${tenths}` : `${m}:${s}${tenths}`;
}

function fileName(path) {
  return path.split(/[\\/]/).pop() || path;
}

const jobUrl = (id) => `/api/analyze/${encodeURIComponent(id)}`;

export class AnalysisPanel {
  constructor(api) {
    this.api = api;
    this.language = "en";
    this.jobs = new Map(); // id → the job as last heard of (without its scenes), in the order they came
    this.backends = [];
    this.sheet = null; // the job shown, with its scenes
    this.fetching = false;
    this.stale = false;
    this.pictures = new Map(); // "id/n" → the address its <img> shows
    this.available = true;

    document.getElementById("analysis-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.start();
    });
    for (const radio of document.querySelectorAll("input[name=scene-source]"))
      radio.addEventListener("change", () => this.renderForm());
  }

  say(message, isError = false) {
    this.saidKey = null;
    const box = document.getElementById("analysis-message");
    box.textContent = message;
    box.classList.toggle("error", isError);
  }

  async load() {
    try {
      const list = await this.api.get("/api/analyze");
      this.jobs = new Map(list.jobs.map((job) => [job.id, job]));
      this.backends = list.backends ?? [];
      this.available = true;
    } catch (error) {
      // A service without the worker still shows the rest of the page; the section says why it cannot analyse.
      if (!(error instanceof ApiError) || error.status !== 503) throw error;
      this.available = false;
      this.say(error.message, true);
    }
    this.render(this.language);
    if (this.sheet) await this.openJob(this.sheet.id);
  }

  // An "analysis" event: a job's progress, without its scenes.
  update(job) {
    this.jobs.set(job.id, { ...this.jobs.get(job.id), ...job });
    this.renderJobs();
    if (this.sheet?.id === job.id) this.refreshSheet();
  }

  async start() {
    const video = document.getElementById("video-path").value.trim();
    const body = { video };
    if (document.querySelector("input[name=scene-source]:checked").value === "file") {
      const file = document.getElementById("scene-file").files[0];
      if (!file) return this.say(t(this.language, "pick_scene_file"), true);
      body.scene_file = await file.text();
    } else {
      body.detect_scenes = true;
    }
    const backend = document.getElementById("analysis-backend").value;
    if (backend) body.backend = backend;
    this.say("…");
    try {
      const started = await this.api.post("/api/analyze", body);
      this.jobs.set(started.id, { id: started.id, video, state: started.state, progress: {}, summary: {} });
      this.say(t(this.language, "started"));
      this.saidKey = "started"; // said again in the language chosen later
      this.renderJobs();
      await this.openJob(started.id);
    } catch (error) {
      this.say(error instanceof ApiError ? error.message : String(error), true);
    }
  }

  async cancel(id) {
    try {
      await this.api.post(`${jobUrl(id)}/cancel`);
    } catch (error) {
      this.say(error instanceof ApiError ? error.message : String(error), true);
    }
  }

  async openJob(id) {
    this.sheet = { id, ...this.jobs.get(id), scenes: this.sheet?.id === id ? this.sheet.scenes : [] };
    await this.refreshSheet();
  }

  // One request in flight at most; events that come meanwhile ask for one more after it.
  async refreshSheet() {
    if (this.fetching) {
      this.stale = true;
      return;
    }
    this.fetching = true;
    try {
      do {
        this.stale = false;
        const id = this.sheet?.id;
        if (!id) return;
        const job = await this.api.get(jobUrl(id));
        if (this.sheet?.id !== id) continue;
        this.sheet = job;
        this.jobs.set(id, { ...this.jobs.get(id), ...job, scenes: undefined });
        this.renderSheet();
        this.renderJobs();
      } while (this.stale);
    } catch (error) {
      this.say(error instanceof ApiError ? error.message : String(error), true);
    } finally {
      this.fetching = false;
    }
  }

  render(language) {
    this.language = language;
    if (this.saidKey) {
      const key = this.saidKey;
      this.say(t(language, key));
      this.saidKey = key;
    }
    this.renderForm();
    this.renderJobs();
    this.renderSheet();
  }

  renderForm() {
    const lang = this.language;
    const select = document.getElementById("analysis-backend");
    const chosen = select.value;
    const option = (value, text) => Object.assign(element("option", text), { value });
    select.replaceChildren(option("", t(lang, "policy_choice")), ...this.backends.map((name) => option(name, name)));
    select.value = this.backends.includes(chosen) ? chosen : "";
    const fromFile = document.querySelector("input[name=scene-source]:checked").value === "file";
    document.getElementById("scene-file").disabled = !fromFile;
    document.getElementById("analysis-start").disabled = !this.available;
  }

  progressText(job) {
    const lang = this.language;
    const p = job.progress ?? {};
    const parts = [t(lang, `state_${job.state}`)];
    if (p.done != null) parts.push(`${t(lang, "scene_of")} ${p.done}/${p.total ?? "?"}`);
    if (p.backend) parts.push(p.backend);
    if (job.state === "running" && p.scenes_per_s) parts.push(`${p.scenes_per_s.toFixed(2)} ${t(lang, "scenes_per_s")}`);
    if (job.state === "running" && p.eta_s != null) parts.push(`${clockTime(p.eta_s)} ${t(lang, "time_left")}`);
    return parts.join(" · ");
  }

  renderJobs() {
    const lang = this.language;
    const list = document.getElementById("jobs");
    if (!this.jobs.size) return list.replaceChildren(element("li", t(lang, "no_jobs"), "empty"));
    list.replaceChildren(
      ...[...this.jobs.values()].reverse().map((job) => {
        const item = element("li", null, "job");
        item.dataset.id = job.id;
        item.dataset.state = job.state;
        item.classList.toggle("open", this.sheet?.id === job.id);
        const open = element("button", fileName(job.video ?? job.id), "job-open");
        open.type = "button";
        open.title = `${t(lang, "open_job")}: ${job.video ?? ""}`;
        open.addEventListener("click", () => this.openJob(job.id));
        item.append(open, element("span", job.id.slice(0, 8), "job-id"), element("span", this.progressText(job), "job-progress"));
        const total = job.progress?.total;
        if (total) {
          const bar = element("progress");
          bar.max = total;
          bar.value = job.progress.done ?? 0;
          item.append(bar);
        }
        if (job.state === "queued" || job.state === "running") {
          const cancel = element("button", t(lang, "cancel_job"), "job-cancel");
          cancel.type = "button";
          cancel.addEventListener("click", () => this.cancel(job.id));
          item.append(cancel);
        }
        if (job.error) item.append(element("div", job.error, "job-error"));
        return item;
      }),
    );
  }

  renderSheet() {
    const holder = document.getElementById("sheet");
    const job = this.sheet;
    holder.hidden = !job;
    if (!job) return;
    const lang = this.language;
    holder.dataset.id = job.id;
    holder.dataset.state = job.state ?? "";
    document.getElementById("sheet-title").textContent = `${fileName(job.video ?? "")} · ${this.progressText(job)}`;
    const download = document.getElementById("sheet-download");
    download.textContent = t(lang, "download_json");
    download.download = `analysis-${job.id}.json`;
    if (download.href.startsWith("blob:")) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(new Blob([JSON.stringify(job, null, 2)], { type: "application/json" }));
    this.renderTimeline(job);
    const scenes = document.getElementById("scenes");
    scenes.replaceChildren(...(job.scenes ?? []).map((scene) => this.sceneCard(job, scene)));
  }

  renderTimeline(job) {
    const lang = this.language;
    const scenes = job.scenes ?? [];
    const length = job.video_duration_s ?? Math.max(0, ...scenes.map((s) => s.end));
    const strip = document.getElementById("timeline");
    const percent = (seconds) => `${length > 0 ? Math.min(100, (100 * seconds) / length) : 0}%`;
    const segments = scenes.map((scene) => {
      const segment = element("div", null, `segment${scene.ok ? "" : " failed"}`);
      segment.dataset.index = scene.index;
      segment.dataset.backend = scene.backend;
      segment.style.left = percent(scene.start);
      segment.style.width = percent(scene.end - scene.start);
      segment.style.background = colourOf(scene.backend);
      segment.title = `${scene.index} · ${clockTime(scene.start)}–${clockTime(scene.end)} · ${scene.backend}`;
      return segment;
    });
    // The first plan is where the job started; each later one is a move.
    const moves = (job.plan_changes ?? []).slice(1).map((change) => {
      const marker = element("div", null, "plan-change");
      marker.dataset.backend = change.backend;
      marker.dataset.at = change.at_s;
      marker.style.left = percent(change.at_s ?? 0);
      marker.title = `${clockTime(change.at_s)} ${t(lang, "plan_moved")} ${change.backend} (${change.level})`;
      marker.append(element("span", `→ ${change.backend}`));
      return marker;
    });
    strip.replaceChildren(...segments, ...moves);
    const used = [...new Set(scenes.map((s) => s.backend))];
    const legend = document.getElementById("timeline-legend");
    legend.replaceChildren(
      element("span", `0:00 – ${clockTime(length)} ${t(lang, "video_length")}`, "timeline-length"),
      ...used.map((backend) => {
        const key = element("span", backend, "legend-key");
        key.style.setProperty("--swatch", colourOf(backend));
        return key;
      }),
    );
  }

  sceneCard(job, scene) {
    const lang = this.language;
    const card = element("li", null, `scene${scene.ok ? "" : " failed"}`);
    card.dataset.index = scene.index;
    card.dataset.backend = scene.backend;
    const frame = element("div", null, "thumb");
    if (scene.keyframe_kept) {
      const img = element("img");
      img.alt = `${t(lang, "scene_of")} ${scene.index}`;
      img.width = 320;
      img.height = 180;
      img.addEventListener("error", () => frame.replaceChildren(element("span", t(lang, "picture_removed"))), { once: true });
      this.picture(job.id, scene.index).then((src) => (img.src = src), () => img.dispatchEvent(new Event("error")));
      frame.append(img);
    } else {
      frame.append(element("span", t(lang, "no_picture")));
    }
    card.append(frame);
    const short = scene.end - scene.start < 10;
    const head = element("div", null, "scene-head");
    head.append(
      element("span", `${scene.index} · ${clockTime(scene.start, short)}–${clockTime(scene.end, short)}`, "scene-range"),
      element("span", [scene.backend, scene.model].filter(Boolean).join(" · "), "scene-backend"),
    );
    head.lastChild.style.setProperty("--swatch", colourOf(scene.backend));
    card.append(head);
    if (!scene.ok) card.append(element("p", scene.error ?? "", "scene-error"));
    else card.append(element("p", scene.description, "scene-description"));
    if (scene.tags?.length) {
      const tags = element("ul", null, "tags");
      tags.append(...scene.tags.map((tag) => element("li", tag)));
      card.append(tags);
    }
    const m = scene.measurements;
    if (m) {
      const figures = element("div", null, "measurements");
      const pairs = [
        ["brightness", m.brightness],
        ["contrast", m.contrast],
        ["colourfulness", m.colourfulness],
        ["sharpness", m.sharpness],
        ["motion", m.motion],
      ].filter(([, value]) => value != null);
      figures.append(element("span", pairs.map(([name, value]) => `${t(lang, name)} ${Number(value).toFixed(2)}`).join(" · ")));
      for (const colour of m.colours ?? []) {
        const swatch = element("span", null, "swatch");
        swatch.style.background = colour.hex;
        swatch.title = `${colour.hex} ${Math.round(colour.share * 100)}%`;
        figures.append(swatch);
      }
      card.append(figures);
    }
    return card;
  }

  picture(id, index) {
    const key = `${id}/${index}`;
    if (!this.pictures.has(key)) {
      const asked = this.api.image(`${jobUrl(id)}/scenes/${index}/keyframe.jpg`);
      asked.catch(() => this.pictures.delete(key));
      this.pictures.set(key, asked);
    }
    return this.pictures.get(key);
  }
}
