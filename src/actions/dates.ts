import { EXIT, UserError } from '../errors.js';
import { parseTimestamp, zoneOffsetMinutes } from '../record/time.js';

/**
 * Calendar dates as the workspace sees them. Due dates are plain dates
 * (YYYY-MM-DD); "today" is the injected clock's date in the workspace zone.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date of an instant in `zone` (an IANA name or an offset), as YYYY-MM-DD. */
export function localDate(epochMs: number, zone: string): string {
  const offset = zoneOffsetMinutes(zone, epochMs) ?? 0;
  return new Date(epochMs + offset * 60_000).toISOString().slice(0, 10);
}

/** Whole days from date `from` to date `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Validates a date option (`--due`, `--due-before`); throws a UserError saying the expected form. */
export function parseDateOption(value: string, label: string): string {
  const trimmed = value.trim();
  if (!isDate(trimmed)) {
    throw new UserError('bad-date', `${label}: "${value}" is not a date like 2026-01-31.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Write dates as YYYY-MM-DD. Nothing was written.',
    });
  }
  return trimmed;
}

/**
 * A `--since`/`--until` bound as a UTC ISO instant: a date means its midnight
 * in `zone` (`--until` a date includes that whole day); a timestamp is taken as is.
 */
export function parseBound(value: string, label: string, zone: string, kind: 'since' | 'until'): string {
  const trimmed = value.trim();
  if (isDate(trimmed)) {
    const day = kind === 'until' ? new Date(Date.parse(`${trimmed}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : trimmed;
    const parsed = parseTimestamp(`${day}T00:00`, zone);
    if (parsed.ok) return new Date(parsed.value.epochMs).toISOString();
  }
  const parsed = parseTimestamp(trimmed, zone);
  if (!parsed.ok) {
    throw new UserError('bad-time', `${label}: ${parsed.error}.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Write a date like 2026-01-31 (read in the config timezone) or a timestamp like 2026-01-31T12:00:00Z.',
    });
  }
  return new Date(parsed.value.epochMs).toISOString();
}
