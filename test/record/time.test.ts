import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS generator shared with the benchmarks
import { makeRandom } from '../../bench/generate.js';
import { incidentSchema } from '../../src/record/schema.js';
import { isCanonicalTimestamp, parseTimestamp } from '../../src/record/time.js';

/** Timestamps near every edge the canonical check has: calendar, clock, fraction, offset, year. */
function candidates(): string[] {
  const random = makeRandom(3) as () => number;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const years = ['2026', '2024', '2000', '1900', '2100', '0099', '0100', '9999', '0000', '1970'];
  const months = ['01', '02', '04', '06', '09', '11', '12', '00', '13'];
  const days = ['01', '28', '29', '30', '31', '00', '32'];
  const hours = ['00', '09', '23', '24'];
  const minutes = ['00', '30', '59', '60'];
  const fractions = ['', '.000', '.001', '.5', '.120', '.999', '.1234'];
  const zones = ['Z', '+00:00', '-00:00', '+01:00', '-07:00', '+05:30', '-00:30', '+14:00', '+01:60', '+0100', 'z', ' Z', 'UTC', ''];
  const out = ['2026-01-05T17:00:00Z', '2026-01-05 17:00:00Z', ' 2026-01-05T17:00:00Z', '2026-01-05T17:00Z', '2026-01-05', 'yesterday', ''];
  for (let i = 0; i < 20_000; i++) {
    const sep = random() < 0.9 ? 'T' : ' ';
    out.push(`${pick(years)}-${pick(months)}-${pick(days)}${sep}${pick(hours)}:${pick(minutes)}:${pick(minutes)}${pick(fractions)}${pick(zones)}`);
  }
  return out;
}

describe('isCanonicalTimestamp', () => {
  it('holds exactly for the texts parseTimestamp returns unchanged', () => {
    for (const text of candidates()) {
      const parsed = parseTimestamp(text);
      const unchanged = parsed.ok && parsed.value.text === text;
      expect(isCanonicalTimestamp(text), text).toBe(unchanged);
    }
  });

  it('holds for every canonical text parseTimestamp writes', () => {
    for (const text of candidates()) {
      const parsed = parseTimestamp(text);
      if (parsed.ok) expect(isCanonicalTimestamp(parsed.value.text), parsed.value.text).toBe(true);
    }
  });

  it('leaves validation as it was: canonical text kept, other forms rewritten or refused', () => {
    const parse = (started: string) => incidentSchema.safeParse({ id: 'x', title: 'T', times: { started } });
    expect(parse('2026-01-05T17:00:00.000+00:00')).toMatchObject({ success: true, data: { times: { started: '2026-01-05T17:00:00Z' } } });
    expect(parse('2026-01-05T17:00:00+01:00')).toMatchObject({ success: true, data: { times: { started: '2026-01-05T17:00:00+01:00' } } });
    expect(parse('2026-02-30T17:00:00Z').success).toBe(false);
  });
});
