import { EXIT, UserError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "90s", "2m", "1h30m", "500ms" into milliseconds. */
export function parseDuration(value: string, label: string): number {
  const parts = [...value.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed !== value.trim().replace(/\s+/g, '')) {
    throw new UserError('bad-duration', `${label}: "${value}" is not a duration.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Write durations like 90s, 2m, 1h30m or 500ms. Nothing was written.',
    });
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNITS[unit ?? 's'] ?? 1000), 0);
}
