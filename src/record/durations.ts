import type { Incident } from './schema.js';
import { epochOf } from './time.js';

/** Durations derived from the record's times, in milliseconds; null when a time is missing. */
export interface Durations {
  /** started → detected */
  timeToDetect: number | null;
  /** detected (or started) → mitigated */
  timeToMitigate: number | null;
  /** detected (or started) → resolved */
  timeToRecover: number | null;
  /** started → resolved: how long users were affected */
  downtime: number | null;
}

/** Computes the durations a postmortem reports from its times. */
export function deriveDurations(times: Incident['times']): Durations {
  const between = (from: string | null, to: string | null) => {
    if (!from || !to) return null;
    const ms = epochOf(to) - epochOf(from);
    return ms >= 0 ? ms : null;
  };
  const detectedOrStarted = times.detected ?? times.started;
  return {
    timeToDetect: between(times.started, times.detected),
    timeToMitigate: between(detectedOrStarted, times.mitigated),
    timeToRecover: between(detectedOrStarted, times.resolved),
    downtime: between(times.started, times.resolved),
  };
}
