import { levelOfValue } from '../levels.js';
import { L_NONE } from '../types.js';

/**
 * Railway. `railway logs --json` prints one record per line with `timestamp`,
 * `message` and `severity` (and `attributes` for structured logs); plain
 * `railway logs` prints the bare message, or `TIME [LEVL] message key=value`
 * for structured records, which the plain-text reader handles.
 */
export function isRailwayRecord(record: Record<string, unknown>): boolean {
  return typeof record.message === 'string' && typeof record.severity === 'string' && 'timestamp' in record;
}

/**
 * Railway marks everything a service writes to stderr as `error`, and Python
 * logs to stderr: a level written in the message wins. Without one, the
 * severity stands, but only as a stream tag (not explicit), so the lines of a
 * traceback still join into one event.
 */
export function railwayLevel(severity: unknown, ownLevel: number, ownExplicit: boolean): [number, boolean] {
  if (ownExplicit) return [ownLevel, true];
  if (ownLevel !== L_NONE) return [ownLevel, false];
  const level = levelOfValue(severity);
  return [level, typeof severity === 'string' && !/^err/i.test(severity) && level !== L_NONE];
}
