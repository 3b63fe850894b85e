import { localDate } from '../actions/dates.js';
import { parseTimestamp } from '../record/time.js';

/** A calendar month or quarter in the workspace zone, with the UTC instant it starts at. */
export interface Period {
  /** `2026-01` for a month, `2026-Q1` for a quarter. */
  label: string;
  /** Start, as a UTC ISO string (comparable with the `*_utc` columns). */
  start: string;
  startMs: number;
  /** Start of the next period (exclusive end). */
  end: string;
  endMs: number;
}

/**
 * The months (or quarters) covering the instants `fromMs` to `toMs`, with
 * boundaries at local midnight in `zone`, so an incident at 23:30 on 31 January
 * in Berlin counts in February when the workspace zone is Europe/Berlin.
 */
export function periodsBetween(fromMs: number, toMs: number, zone: string, unit: 'month' | 'quarter'): Period[] {
  const step = unit === 'month' ? 1 : 3;
  const first = localDate(fromMs, zone);
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7)) - 1;
  month -= month % step;
  const startOf = (y: number, m: number) => {
    const parsed = parseTimestamp(`${y}-${String(m + 1).padStart(2, '0')}-01T00:00`, zone);
    return parsed.ok ? parsed.value.epochMs : Date.UTC(y, m, 1);
  };
  const periods: Period[] = [];
  let startMs = startOf(year, month);
  while (startMs <= toMs && periods.length < 1200) {
    const label = unit === 'month' ? `${year}-${String(month + 1).padStart(2, '0')}` : `${year}-Q${month / 3 + 1}`;
    month += step;
    if (month >= 12) {
      month -= 12;
      year += 1;
    }
    const endMs = startOf(year, month);
    periods.push({ label, start: new Date(startMs).toISOString(), startMs, end: new Date(endMs).toISOString(), endMs });
    startMs = endMs;
  }
  return periods;
}

/** Index of the period holding `ms` (binary search), or -1. */
export function periodIndex(periods: readonly Period[], ms: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const period = periods[mid] as Period;
    if (ms < period.startMs) hi = mid - 1;
    else if (ms >= period.endMs) lo = mid + 1;
    else return mid;
  }
  return -1;
}
