// Live charts of what the rules watch (uPlot), with each rule's enter threshold drawn as a dashed line. History is
// loaded once, then the stream's samples are appended; the last 15 minutes are kept.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { t } from "./i18n.js";

const WINDOW_S = 15 * 60;
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
    new ResizeObserver(() => this.resize()).observe(container);
  }

  configure(rules, language) {
    this.rules = rules;
    this.language = language;
    this.rebuild();
  }

  load(samples) {
    this.samples = samples.slice();
    this.rebuild();
  }

  add(sample) {
    this.samples.push(sample);
    const oldest = sample.time / 1000 - WINDOW_S;
    while (this.samples.length && this.samples[0].time / 1000 < oldest) this.samples.shift();
    const addresses = this.gpuAddresses();
    if (addresses.join() !== this.addresses.join()) return this.rebuild();
    this.plots.forEach((plot, index) => plot.setData(this.data(this.specs[index])));
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
          // One sample has no span of its own: show the minute before it rather than years around it.
          scales: { x: { time: true, range: (u, min, max) => (min === max ? [min - 60, max] : [min, max]) }, y: spec.max ? { range: [0, spec.max] } : { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
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
