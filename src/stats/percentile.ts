/**
 * Percentiles of a sorted list by linear interpolation between the closest
 * ranks (the method spreadsheets call PERCENTILE.INC and numpy its default):
 * the median of [1, 2, 3, 4] is 2.5, its 90th percentile 3.7. Null for none.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return interpolate(sorted[lower] as number, sorted[upper] as number, rank - lower);
}

/** The value `fraction` of the way from `a` to `b` (the step between two neighbouring ranks). */
export function interpolate(a: number, b: number, fraction: number): number {
  return a + (b - a) * fraction;
}

/** Count, median and 90th percentile of durations in seconds (rounded to whole seconds). */
export function summarize(values: readonly number[]): { count: number; median_seconds: number | null; p90_seconds: number | null } {
  const sorted = Float64Array.from(values).sort();
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return { count: sorted.length, median_seconds: round(percentile(sorted, 50)), p90_seconds: round(percentile(sorted, 90)) };
}
