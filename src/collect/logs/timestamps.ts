import { zoneOffsetMinutes } from '../../record/time.js';

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** Two ASCII digits at `p` as a number, or -1. */
function digits2(text: string, p: number): number {
  const a = text.charCodeAt(p) - 48;
  const b = text.charCodeAt(p + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Reads the timestamps log lines start with, straight from the text without
 * building strings: ISO 8601 and its log variants (`2026-01-05 17:16:18,123`,
 * `2026-01-05T17:00:00.1234567Z`, `2026-01-05 17:00:00 +0000`), syslog
 * (`Jan  5 17:00:00`, no year) and epoch numbers. Zone-less times are read in
 * `zone` (an IANA name or an offset); syslog times take `year`.
 */
export class TimeReader {
  /** Where the last timestamp read ended. */
  end = 0;
  /** Digits in the last fraction read (7 for GitHub Actions, 9 for RFC 3339 nano). */
  fractionDigits = 0;
  /** Whether the last timestamp read carried its own zone. */
  zoned = false;
  private readonly fixedOffset: number | null;
  private readonly zoneCache = new Map<number, number>();
  private dayKey = -1;
  private dayMs = 0;

  constructor(
    private readonly zone: string,
    readonly year: number,
  ) {
    this.fixedOffset = /^(z|utc|gmt|[+-]\d{2}(:?\d{2})?)$/i.test(zone) ? zoneOffsetMinutes(zone, 0) : null;
  }

  /** Epoch ms of an ISO-like timestamp at `p` (before `limit`), or NaN. */
  iso(text: string, p: number, limit: number): number {
    if (limit - p < 16 || text.charCodeAt(p + 4) !== 45 || text.charCodeAt(p + 7) !== 45) return Number.NaN;
    const y1 = digits2(text, p);
    const y2 = digits2(text, p + 2);
    const mo = digits2(text, p + 5);
    const d = digits2(text, p + 8);
    const sep = text.charCodeAt(p + 10);
    if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || (sep !== 84 && sep !== 32 && sep !== 116)) return Number.NaN;
    const h = digits2(text, p + 11);
    const mi = digits2(text, p + 14);
    if (h < 0 || h > 23 || text.charCodeAt(p + 13) !== 58 || mi < 0 || mi > 59) return Number.NaN;
    let q = p + 16;
    let s = 0;
    let ms = 0;
    this.fractionDigits = 0;
    if (text.charCodeAt(q) === 58 && q + 2 < limit + 1) {
      s = digits2(text, q + 1);
      if (s < 0 || s > 60) return Number.NaN;
      q += 3;
      const dot = text.charCodeAt(q);
      if (dot === 46 || dot === 44) {
        let n = 0;
        let value = 0;
        let c = text.charCodeAt(q + 1) - 48;
        while (q + 1 + n < limit && c >= 0 && c <= 9) {
          if (n < 4) value = value * 10 + c;
          n++;
          c = text.charCodeAt(q + 1 + n) - 48;
        }
        if (n > 0) {
          for (let k = n; k < 4; k++) value *= 10;
          ms = Math.round(value / 10);
          q += 1 + n;
          this.fractionDigits = n;
        }
      }
    }
    const dayKey = (y1 * 100 + y2) * 10000 + mo * 100 + d;
    if (dayKey !== this.dayKey) {
      this.dayKey = dayKey;
      this.dayMs = Date.UTC(y1 * 100 + y2, mo - 1, d);
    }
    const wall = this.dayMs + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
    const offset = this.readZone(text, q, limit);
    if (offset !== null) return wall - offset * 60_000;
    this.end = q;
    this.zoned = false;
    return wall - this.localOffset(wall) * 60_000;
  }

  /** Epoch ms of a syslog timestamp (`Jan  5 17:00:00`) at `p`, or NaN. */
  syslog(text: string, p: number, limit: number): number {
    if (limit - p < 15) return Number.NaN;
    const month = MONTHS[text.slice(p, p + 3)];
    if (month === undefined || text.charCodeAt(p + 3) !== 32) return Number.NaN;
    let q = p + 4;
    if (text.charCodeAt(q) === 32) q++;
    let d = text.charCodeAt(q) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    q++;
    const d2 = text.charCodeAt(q) - 48;
    if (d2 >= 0 && d2 <= 9) {
      d = d * 10 + d2;
      q++;
    }
    if (text.charCodeAt(q) !== 32) return Number.NaN;
    const h = digits2(text, q + 1);
    const mi = digits2(text, q + 4);
    const s = digits2(text, q + 7);
    if (h < 0 || mi < 0 || s < 0 || text.charCodeAt(q + 3) !== 58 || text.charCodeAt(q + 6) !== 58) return Number.NaN;
    q += 9;
    let ms = 0;
    if (text.charCodeAt(q) === 46) {
      const frac = digits2(text, q + 1);
      const third = text.charCodeAt(q + 3) - 48;
      if (frac >= 0) {
        ms = frac * 10 + (third >= 0 && third <= 9 ? third : 0);
        q++;
        while (q < limit && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
      }
    }
    this.end = q;
    this.zoned = false;
    this.fractionDigits = 0;
    const wall = Date.UTC(this.year, month, d, h, mi, s, ms);
    return wall - this.localOffset(wall) * 60_000;
  }

  /** Epoch ms of a structured time value: ISO text, epoch seconds, milliseconds or microseconds. */
  value(value: unknown): number {
    if (typeof value === 'number') return epochOfNumber(value);
    if (typeof value !== 'string') return Number.NaN;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return epochOfNumber(Number(trimmed));
    const time = this.iso(trimmed, 0, trimmed.length);
    return Number.isNaN(time) ? Date.parse(trimmed) : time;
  }

  /** The offset written at `q` (`Z`, `+01:00`, `+0100`, ` +0000`, ` UTC`), or null; sets `end`. */
  private readZone(text: string, q: number, limit: number): number | null {
    let c = text.charCodeAt(q);
    let at = q;
    if (c === 32 && q + 1 < limit) {
      const next = text.charCodeAt(q + 1);
      if (next === 43 || next === 45 || next === 85 || next === 71) {
        at = q + 1;
        c = next;
      }
    }
    if (c === 90 || c === 122) {
      this.end = at + 1;
      this.zoned = true;
      return 0;
    }
    if (c === 43 || c === 45) {
      const hh = digits2(text, at + 1);
      if (hh < 0) return null;
      let r = at + 3;
      if (text.charCodeAt(r) === 58) r++;
      const mm = digits2(text, r);
      const minutes = Math.max(mm, 0);
      this.end = mm < 0 ? at + 3 : r + 2;
      this.zoned = true;
      return (c === 45 ? -1 : 1) * (hh * 60 + minutes);
    }
    if ((c === 85 && text.startsWith('UTC', at)) || (c === 71 && text.startsWith('GMT', at))) {
      this.end = at + 3;
      this.zoned = true;
      return 0;
    }
    return null;
  }

  /** The zone's offset for a wall-clock time, cached by hour. */
  private localOffset(wall: number): number {
    if (this.fixedOffset !== null) return this.fixedOffset;
    const hour = Math.floor(wall / 3_600_000);
    let offset = this.zoneCache.get(hour);
    if (offset === undefined) {
      const first = zoneOffsetMinutes(this.zone, wall) ?? 0;
      offset = zoneOffsetMinutes(this.zone, wall - first * 60_000) ?? first;
      if (this.zoneCache.size > 50_000) this.zoneCache.clear();
      this.zoneCache.set(hour, offset);
    }
    return offset;
  }
}

/** Epoch seconds (zap `ts`), milliseconds (pino `time`) or microseconds (journald) as milliseconds. */
function epochOfNumber(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return Number.NaN;
  if (value < 1e11) return Math.round(value * 1000);
  if (value < 1e14) return Math.round(value);
  return Math.round(value / 1000);
}
