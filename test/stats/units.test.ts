import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/stats/formatStats.js';
import { percentile, summarize } from '../../src/stats/percentile.js';
import { periodIndex, periodsBetween } from '../../src/stats/periods.js';

describe('percentiles', () => {
  it('interpolate between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 90)).toBeCloseTo(3.7);
    expect(percentile([600, 1200, 1800], 90)).toBeCloseTo(1680);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 50)).toBeNull();
    expect(summarize([1800, 600, 1200])).toEqual({ count: 3, median_seconds: 1200, p90_seconds: 1680 });
  });
});

describe('periods in the workspace zone', () => {
  it('start months at local midnight, so 23:30 UTC on 31 January is February in Berlin', () => {
    const late = Date.parse('2026-01-31T23:30:00Z');
    const utc = periodsBetween(Date.parse('2026-01-05T00:00:00Z'), late, 'UTC', 'month');
    expect(utc.map((p) => p.label)).toEqual(['2026-01']);
    const berlin = periodsBetween(Date.parse('2026-01-05T00:00:00Z'), late, 'Europe/Berlin', 'month');
    expect(berlin.map((p) => [p.label, p.start])).toEqual([
      ['2026-01', '2025-12-31T23:00:00.000Z'],
      ['2026-02', '2026-01-31T23:00:00.000Z'],
    ]);
    expect(berlin[periodIndex(berlin, late)]?.label).toBe('2026-02');
    expect(periodIndex(berlin, Date.parse('2027-01-01T00:00:00Z'))).toBe(-1);
  });

  it('quarters follow DST-aware local boundaries', () => {
    const quarters = periodsBetween(Date.parse('2025-11-04T09:00:00Z'), Date.parse('2026-04-01T12:00:00Z'), 'Europe/Berlin', 'quarter');
    expect(quarters.map((q) => [q.label, q.start])).toEqual([
      ['2025-Q4', '2025-09-30T22:00:00.000Z'],
      ['2026-Q1', '2025-12-31T23:00:00.000Z'],
      ['2026-Q2', '2026-03-31T22:00:00.000Z'],
    ]);
  });
});

describe('sparkline', () => {
  it('scales counts to eight bars', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});
