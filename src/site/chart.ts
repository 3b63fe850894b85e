import type { TrendMonth } from './views.js';

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  label: string;
  /** Accessible text: "Jan 2026: 3 incidents, median time to recover 45 min". */
  title: string;
}

export interface TrendChart {
  width: number;
  height: number;
  /** Baseline y of the bars. */
  baseline: number;
  bars: ChartBar[];
  /** SVG polyline points of median time to recover (scaled to its own maximum), "" when none. */
  recoverLine: string;
  maxCount: number;
  maxRecover: number;
}

/** Geometry of the home page's trend chart (bars: incidents per month; line: median time to recover). */
export function trendChart(months: readonly TrendMonth[], width = 640, height = 200): TrendChart {
  const top = 12;
  const baseline = height - 28;
  const slot = months.length ? width / months.length : width;
  const maxCount = Math.max(1, ...months.map((m) => m.count));
  const maxRecover = Math.max(1, ...months.map((m) => m.medianRecover ?? 0));
  const scale = (value: number, max: number) => ((baseline - top) * value) / max;
  const bars = months.map((m, i) => {
    const h = scale(m.count, maxCount);
    const recover = m.medianRecover === null ? 'no time to recover known' : `median time to recover ${m.medianRecover} min`;
    return {
      x: round(i * slot + slot * 0.2),
      y: round(baseline - h),
      width: round(slot * 0.6),
      height: round(h),
      labelX: round(i * slot + slot / 2),
      label: m.label,
      title: `${m.label}: ${m.count} incident${m.count === 1 ? '' : 's'}, ${recover}`,
    };
  });
  const recoverLine = months
    .map((m, i) => (m.medianRecover === null ? null : `${round(i * slot + slot / 2)},${round(baseline - scale(m.medianRecover, maxRecover))}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  return { width, height, baseline, bars, recoverLine, maxCount, maxRecover };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
