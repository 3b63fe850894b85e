/** Dates and clock times as people write them in postmortems. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ISO_DATE = /(?<![\d-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH}\\s*,?\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})\\b`, 'i');

/** `2026-01-05` when the parts form a real date, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (year < 1970 || year > 2999 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * The first date in a text: `2026-01-05`, `2026/01/05`, `January 5, 2026`,
 * `Tuesday 22nd June 2021`. A year alone (`PM2021-005`) is not a date.
 */
export function findDate(text: string): string | null {
  const candidates: Array<{ index: number; date: string | null }> = [];
  const iso = ISO_DATE.exec(text);
  if (iso) candidates.push({ index: iso.index, date: isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) });
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) candidates.push({ index: dmy.index, date: isoDate(Number(dmy[3]), monthNumber(dmy[2] ?? ''), Number(dmy[1])) });
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) candidates.push({ index: mdy.index, date: isoDate(Number(mdy[3]), monthNumber(mdy[1] ?? ''), Number(mdy[2])) });
  candidates.sort((a, b) => a.index - b.index);
  return candidates.find((candidate) => candidate.date !== null)?.date ?? null;
}

const ZONE_OFFSETS: Record<string, string> = {
  UTC: 'UTC',
  GMT: 'UTC',
  Z: 'UTC',
  CET: '+01:00',
  CEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  WET: '+00:00',
  WEST: '+01:00',
  BST: '+01:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  IST: '+05:30',
  JST: '+09:00',
};

/** A regex source matching a zone written after a time: `UTC`, `CET`, `+01:00`. */
export const ZONE_SOURCE = `(?:${Object.keys(ZONE_OFFSETS)
  .filter((name) => name !== 'Z')
  .join('|')})\\b(?:\\s*[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}:?\\d{2}\\b|Z\\b`;

/**
 * The zone a text names (`All times in CET`, `Time (UTC+01:00)`), as something
 * `parseTimestamp` accepts: `UTC` or an offset. Null when none is named.
 */
export function findZone(text: string): string | null {
  const match = new RegExp(`(?<![\\w:])(${ZONE_SOURCE})`).exec(text);
  if (!match?.[1]) return null;
  return zoneOf(match[1]);
}

/** Normalises one written zone (`CET`, `UTC+1`, `+0100`) to `UTC` or `+HH:MM`. */
export function zoneOf(written: string): string | null {
  const text = written.trim();
  const offset = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    if (hours === 0 && minutes === 0) return 'UTC';
    return `${offset[1]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  }
  return ZONE_OFFSETS[text.toUpperCase()] ?? null;
}
