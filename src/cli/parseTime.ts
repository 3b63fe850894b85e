import { EXIT, UserError } from '../errors.js';
import { formatTimestamp, parseTimestamp } from '../record/time.js';

/** Parses a time given on the command line; "now" is the injected clock; zone-less times use `zone`. */
export function parseTimeOption(value: string, label: string, zone: string, now: Date): string {
  if (value.trim().toLowerCase() === 'now') return formatTimestamp(now.getTime());
  const parsed = parseTimestamp(value, zone);
  if (!parsed.ok) {
    throw new UserError('bad-time', `${label}: ${parsed.error}.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Write times like 2026-01-05T17:00:00Z, "2026-01-05 17:00 +01:00", or "2026-01-05 17:00" (read in the config timezone). Nothing was written.',
    });
  }
  return parsed.value.text;
}
