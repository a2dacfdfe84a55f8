// Live charts of what the rules watch (uPlot), with each rule's enter threshold drawn as a dashed line. History for
// the range chosen (5 minutes, an hour, a day) is loaded, then the stream's samples are appended. The time axis is
// labelled in whole seconds, minutes or hours, as the range suits.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { t } from "./i18n.js";

// Tick spacings the time axis may use, in seconds: every label falls on a whole second, minute or hour.
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200];

// A tick's label: "14:05:30" while ticks are seconds apart, "14:05" once they are minutes apart.
export function tickLabel(seconds, step, language) {
  return new Date(seconds * 1000).toLocaleTimeString(language === "zh" ? "zh-CN" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: step < 60 ? "2-digit" : undefined,
    hour12: false,
  });
}
const GiB = 1024 ** 3;
const COLOURS = ["#2563eb", "#db2777", "#059669", "#d97706"];

// What each chart plots from a sample, and the threshold it shows.
function chartSpecs(rules, gpuAddresses) {
  const rule = (name) => rules.find((r) => r.name === name);
  return [
    { key: "cpu", title: "chart_cpu", series: [(s) => s.cpu_percent], labels: ["CPU"], max: 100 },
    {
      key: "memory",
      title: "chart_memory",
      series: [(s) => (s.memory_available_bytes == null ? null : s.memory_available_bytes / GiB)],
      labels: ["GiB"],
      threshold: rule("memory")?.enter,
    },
    {
      key: "vram",
      title: "chart_vram",
      series: gpuAddresses.map((address) => (s) => s.gpus?.find((g) => g.pci_address === address)?.memory_used_percent),
      labels: gpuAddresses,
      threshold: rule("vram")?.enter,
      max: 100,
    },
    {
      key: "failures",
      title: "chart_failures",
      series: [(s) => (s.task_failure_rate == null ? null : s.task_failure_rate * 100)],
      labels: ["%"],
      threshold: (rule("task_failures")?.failure_rate ?? 0.3) * 100,
      max: 100,
    },
  ];
}

export class LiveCharts {
  constructor(container) {
    this.container = container;
    this.samples = [];
    this.rules = [];
    this.language = "en";
    this.plots = [];
    this.windowS = 5 * 60;
    new ResizeObserver(() => this.resize()).observe(container);
  }

  configure(rules, language) {
    this.rules = rules;
    this.language = language;
    this.rebuild();
  }

  // The range shown, in seconds; the caller loads its history.
  setWindow(seconds) {
    this.windowS = seconds;
  }

  load(samples) {
    this.samples = samples.slice();
    this.rebuild();
  }

  // The range ends with the newest sample (or now), so the axis spans the whole range even before it fills.
  xRange() {
    const newest = this.samples.length ? this.samples[this.samples.length - 1].time / 1000 : Date.now() / 1000;
    return [newest - this.windowS, newest];
  }

  add(sample) {
    this.samples.push(sample);
    const oldest = sample.time / 1000 - this.windowS;
    while (this.samples.length && this.samples[0].time / 1000 < oldest) this.samples.shift();
    const addresses = this.gpuAddresses();
    if (addresses.join() !== this.addresses.join()) return this.rebuild();
    const [min, max] = this.xRange();
    this.plots.forEach((plot, index) => {
      plot.setData(this.data(this.specs[index]), false);
      plot.setScale("x", { min, max });
    });
    this.container.dataset.points = String(this.samples.length);
  }

  gpuAddresses() {
    return [...new Set(this.samples.flatMap((s) => (s.gpus ?? []).map((g) => g.pci_address)))];
  }

  data(spec) {
    const times = this.samples.map((s) => s.time / 1000);
    const columns = [times, ...spec.series.map((pick) => this.samples.map((s) => pick(s) ?? null))];
    if (spec.threshold != null) columns.push(times.map(() => spec.threshold));
    return columns;
  }

  width() {
    const columns = this.container.clientWidth > 900 ? 2 : 1;
    return Math.max(260, Math.floor(this.container.clientWidth / columns) - 24);
  }

  rebuild() {
    this.plots.forEach((plot) => plot.destroy());
    this.container.replaceChildren();
    this.addresses = this.gpuAddresses();
    this.specs = chartSpecs(this.rules, this.addresses).filter((spec) => spec.series.length > 0);
    this.plots = this.specs.map((spec) => {
      const holder = document.createElement("div");
      holder.className = "chart";
      holder.dataset.chart = spec.key;
      this.container.append(holder);
      const series = [
        {},
        ...spec.labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: false })),
      ];
      if (spec.threshold != null)
        series.push({ label: t(this.language, "threshold"), stroke: "#dc2626", dash: [6, 4], width: 1, points: { show: false } });
      return new uPlot(
        {
          title: t(this.language, spec.title),
          width: this.width(),
          height: 180,
          series,
          scales: { x: { time: true, range: () => this.xRange() }, y: spec.max ? { range: [0, spec.max] } : { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
          axes: [
            {
              space: 70,
              incrs: TIME_STEPS,
              values: (u, ticks, axis, space, step) => {
                const labels = ticks.map((tick) => tickLabel(tick, step, this.language));
                holder.dataset.ticks = labels.join("|");
                return labels;
              },
            },
            {},
          ],
          legend: { live: false },
        },
        this.data(spec),
        holder,
      );
    });
    this.container.dataset.points = String(this.samples.length);
  }

  resize() {
    const width = this.width();
    this.plots.forEach((plot) => plot.setSize({ width, height: 180 }));
  }
}
