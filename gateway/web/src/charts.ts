// Charts for the progress page, drawn with uPlot (canvas). Only views/progress.ts imports this
// module, so uPlot travels in the progress page's lazily loaded chunk, never in the first load.
// A chart is decoration for sighted readers: each one is aria-hidden and its numbers are also in
// a table beside it (see views/progress.ts).

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** Series is one named row of values over the chart's categories; null is "no value here". */
export interface Series {
  label: string;
  values: (number | null)[];
  // Right-hand axis (e.g. kilometres beside minutes).
  right?: boolean;
  kind?: "bar" | "line";
}

/** ChartSpec is a chart over categories (weeks, sessions) drawn left to right. */
export interface ChartSpec {
  categories: string[];
  series: Series[];
  // Bars of all series stacked in one column per category (volume per muscle group).
  stacked?: boolean;
  unit?: string;
  rightUnit?: string;
  format?: (v: number) => string;
}

// Distinct on light and dark backgrounds, and told apart by more than hue in the tables.
const PALETTE = ["#0f766e", "#f26b1d", "#5b6cc9", "#c2410c", "#0891b2", "#a21caf", "#65a30d", "#b45309", "#be123c", "#4338ca"];

/** colour is the n-th series colour. */
export function colour(n: number): string {
  return PALETTE[n % PALETTE.length];
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const charts = new Map<HTMLElement, { plot: uPlot; key: string }>();

/**
 * mount draws spec into el, or redraws it when its data changed (key). Charts whose element
 * left the page are destroyed.
 */
export function mount(el: HTMLElement, spec: ChartSpec, key: string): void {
  for (const [host, c] of charts)
    if (!host.isConnected) {
      c.plot.destroy();
      charts.delete(host);
    }
  const had = charts.get(el);
  if (had && had.key === key) return;
  had?.plot.destroy();
  const plot = new uPlot(options(spec, el), data(spec), el);
  charts.set(el, { plot, key });
}

/** resizeAll fits every chart to its box (on a window resize or rotation). */
export function resizeAll(): void {
  for (const [host, c] of charts) if (host.isConnected) c.plot.setSize(size(host));
}

function size(el: HTMLElement): { width: number; height: number } {
  const width = Math.max(260, Math.floor(el.clientWidth || el.parentElement?.clientWidth || 320));
  return { width, height: width < 500 ? 200 : 240 };
}

function data(spec: ChartSpec): uPlot.AlignedData {
  const xs = spec.categories.map((_, i) => i);
  if (!spec.stacked) return [xs, ...spec.series.map((s) => s.values)];
  // Stacked bars are drawn as cumulative bars, tallest first, so each visible band is one series.
  const cum: (number | null)[][] = [];
  let acc = xs.map(() => 0);
  for (const s of spec.series) {
    acc = acc.map((a, i) => a + (s.values[i] ?? 0));
    cum.push([...acc]);
  }
  return [xs, ...cum.reverse()];
}

function options(spec: ChartSpec, el: HTMLElement): uPlot.Options {
  const ink = cssVar("--muted", "#5a6875");
  const grid = cssVar("--line", "#e2e7ec");
  const n = spec.categories.length;
  const fmt = spec.format ?? ((v: number) => String(Math.round(v * 10) / 10));
  const ordered = spec.stacked ? [...spec.series].reverse() : spec.series;
  const colours = spec.stacked ? spec.series.map((_, i) => colour(i)).reverse() : spec.series.map((_, i) => colour(i));
  const bars = uPlot.paths.bars!({ size: [spec.stacked ? 0.6 : 0.7 / Math.max(1, spec.series.filter((s) => s.kind !== "line").length), 56], gap: 2 });
  const axis = (unit: string | undefined, side: 1 | 3, scale: string): uPlot.Axis => ({
    scale,
    side,
    stroke: ink,
    grid: { show: side === 3, stroke: grid, width: 1 },
    ticks: { show: false },
    size: 44,
    values: (_u, splits) => splits.map((v) => (v === null ? "" : fmt(v) + (unit ? ` ${unit}` : ""))),
  });
  const hasRight = spec.series.some((s) => s.right);
  return {
    ...size(el),
    padding: [12, 8, 0, 4],
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    // The legend names the colours; the numbers are in the table under each chart.
    legend: { show: true, live: false },
    scales: {
      x: { time: false, range: () => [-0.5, Math.max(0.5, n - 0.5)] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      ...(hasRight ? { r: { range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] } } : {}),
    },
    axes: [
      {
        stroke: ink,
        grid: { show: false },
        ticks: { show: false },
        splits: () => spec.categories.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => spec.categories[i] ?? ""),
      },
      axis(spec.unit, 3, "y"),
      ...(hasRight ? [axis(spec.rightUnit, 1, "r")] : []),
    ],
    series: [
      { label: "", value: (_u, v) => (v === null ? "" : (spec.categories[v] ?? "")) },
      ...ordered.map((s, k): uPlot.Series => {
        const c = colours[k];
        const line = s.kind === "line";
        return {
          label: s.label,
          scale: s.right ? "r" : "y",
          stroke: c,
          width: line ? 2.5 : 1,
          fill: line ? undefined : c + (spec.stacked ? "" : "cc"),
          paths: line ? undefined : bars,
          points: { show: line, size: 7, fill: c },
          spanGaps: line,
          // The legend shows the series' own value, not the stack's height.
          value: (_u, _v, _si, idx) => {
            const raw = idx === null || idx === undefined ? null : s.values[idx];
            return raw === null || raw === undefined ? "—" : fmt(raw) + ((s.right ? spec.rightUnit : spec.unit) ? ` ${s.right ? spec.rightUnit : spec.unit}` : "");
          },
        };
      }),
    ],
  };
}
