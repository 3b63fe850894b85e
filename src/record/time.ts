/**
 * Timestamps in the record are ISO 8601 text with an explicit offset, so the
 * offset an engineer saw survives while ordering and durations use UTC.
 */

export interface ParsedTimestamp {
  /** Canonical text kept in the record, e.g. `2026-01-05T17:00:00+01:00`. */
  text: string;
  /** Milliseconds since the epoch (UTC). */
  epochMs: number;
  /** Offset from UTC in minutes, as written. */
  offsetMinutes: number;
}

export type TimestampResult = { ok: true; value: ParsedTimestamp } | { ok: false; error: string };

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses `2026-01-05T17:00:00Z`, `2026-01-05 17:00 +01:00`, `2026-01-05T17:00`
 * (zone-less: `defaultZone` applies, an IANA name or an offset) and dates.
 */
export function parseTimestamp(input: string, defaultZone?: string): TimestampResult {
  const trimmed = input.trim();
  const match = ISO_PATTERN.exec(trimmed);
  if (!match) {
    return { ok: false, error: `"${input}" is not a timestamp like 2026-01-05T17:00:00Z or 2026-01-05 17:00 +01:00` };
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction, zone] = match;
  const millis = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  const check = new Date(wallMs);
  if (
    Number.isNaN(wallMs) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return { ok: false, error: `"${input}" is not a real date and time` };
  }
  let offsetMinutes: number;
  if (zone) {
    offsetMinutes = parseOffset(zone);
  } else if (defaultZone) {
    const offset = zoneOffsetMinutes(defaultZone, wallMs);
    if (offset === null) return { ok: false, error: `"${defaultZone}" is not a time zone (use an IANA name such as Europe/Berlin, or +01:00)` };
    // The wall time is local to the zone: find the offset in force at that instant.
    offsetMinutes = zoneOffsetMinutes(defaultZone, wallMs - offset * 60_000) ?? offset;
  } else {
    return { ok: false, error: `"${input}" has no time zone: add Z or an offset such as +01:00` };
  }
  const epochMs = wallMs - offsetMinutes * 60_000;
  return { ok: true, value: { text: formatTimestamp(epochMs, offsetMinutes), epochMs, offsetMinutes } };
}

const CANONICAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * True when `text` is already what parseTimestamp makes of it (its canonical
 * form): a real date and time, milliseconds only when not .000, an offset
 * that is not ±00:00. Records read from files are nearly always canonical,
 * so validation checks this first and parses only what is not.
 */
export function isCanonicalTimestamp(text: string): boolean {
  const match = CANONICAL_PATTERN.exec(text);
  if (!match) return false;
  const [, y, mo, d, h, mi, s, fraction, offsetHours, offsetMinutes] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  // Date.UTC reads years below 100 as 19xx: those go the long way.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || fraction === '000') return false;
  if (offsetHours === undefined) return true;
  return Number(offsetMinutes) < 60 && (offsetHours !== '00' || offsetMinutes !== '00');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseOffset(zone: string): number {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** Offset of an IANA zone (or a literal offset) at an instant, or null if unknown. */
export function zoneOffsetMinutes(zone: string, epochMs: number): number | null {
  if (/^(z|utc|gmt|[+-]\d{2}(:?\d{2})?)$/i.test(zone)) return parseOffset(zone);
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(epochMs));
    const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
  } catch {
    return null;
  }
}

/** Formats an instant as local time at `offsetMinutes`, e.g. `2026-01-05T18:00:00+01:00`. */
export function formatTimestamp(epochMs: number, offsetMinutes = 0): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString();
  const base = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  if (offsetMinutes === 0) return `${base}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Epoch milliseconds of a canonical record timestamp. */
export function epochOf(timestamp: string): number {
  return Date.parse(timestamp);
}

/** The UTC form of a record timestamp, for sorting and storage. */
export function toUtc(timestamp: string): string {
  return new Date(Date.parse(timestamp)).toISOString();
}

/** "16 min", "2 h 5 min", "3 d 4 h": durations as a postmortem reader wants them. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
