import { describe, expect, it } from 'vitest';
import { deriveTimes, effectiveTimes, mergedTimeline } from '../../src/record/derive.js';
import { deriveDurations } from '../../src/record/durations.js';
import { incidentSchema } from '../../src/record/schema.js';
import { seedIncident } from '../helpers/records.js';

const incident = incidentSchema.parse({
  id: 'x',
  title: 'Migration crash',
  evidence: {
    logs: [
      {
        time: '2026-01-05T17:00:12Z',
        level: 'error',
        source: 'railway',
        message: 'psycopg2.errors.DuplicateTable: relation "habit_completions" already exists',
        count: 3,
      },
      { time: '2026-01-05T16:59:50Z', level: 'info', source: 'railway', message: 'Running alembic upgrade head', marker: 'migration-started' },
      { time: '2026-01-05T17:14:02Z', level: 'info', source: 'railway', message: 'Uvicorn running on http://0.0.0.0:8080', marker: 'service-started' },
    ],
    commits: [{ hash: '8ffb275aa', subject: 'fix(critical): Make migration 0021 idempotent', fix: true, committed_at: '2026-01-05T17:09:00Z' }],
    checks: [
      { url: 'https://api.example.com/health', passed: false, phase: 'before', checked_at: '2026-01-05T17:01:00Z', status_code: 404 },
      { url: 'https://api.example.com/health', passed: true, phase: 'after', checked_at: '2026-01-05T17:16:00Z', status_code: 200 },
      { url: 'https://api.example.com/', passed: true, phase: 'after', checked_at: '2026-01-05T17:16:00Z', status_code: 200 },
    ],
  },
});

describe('times derived from evidence', () => {
  it('starts at the first error, is detected by the first failing check, resolves at the first passing check after the fix', () => {
    const derived = deriveTimes(incident);
    expect(derived.started).toEqual({
      time: '2026-01-05T17:00:12Z',
      reason: 'first error in the railway logs: psycopg2.errors.DuplicateTable: relation "habit_completions" already exists',
    });
    expect(derived.detected?.time).toBe('2026-01-05T17:01:00Z');
    expect(derived.resolved).toEqual({ time: '2026-01-05T17:16:00Z', reason: 'first passing check: GET https://api.example.com/health' });
    expect(Math.round((deriveDurations(effectiveTimes(incident)).downtime ?? 0) / 60_000)).toBe(16);
  });

  it('lets a time written by hand win', () => {
    const manual = { ...incident, times: { ...incident.times, started: '2026-01-05T16:58:00Z' } };
    expect(effectiveTimes(manual).started).toBe('2026-01-05T16:58:00Z');
    expect(effectiveTimes(manual).resolved).toBe('2026-01-05T17:16:00Z');
  });

  it('derives nothing from no evidence', () => {
    expect(deriveTimes(incidentSchema.parse({ id: 'y', title: 'Y' }))).toEqual({ started: null, detected: null, mitigated: null, resolved: null });
  });
});

describe('merged timeline', () => {
  it('adds markers, first errors, commits and check results in time order', () => {
    expect(mergedTimeline(incident).map((e) => [e.time.slice(11, 19), e.kind, e.source, e.text])).toEqual([
      ['16:59:50', 'build', 'log', 'Migration started: Running alembic upgrade head'],
      ['17:00:12', 'error', 'log', 'Error in railway: psycopg2.errors.DuplicateTable: relation "habit_completions" already exists (3 times)'],
      ['17:01:00', 'detected', 'check', '1 of 1 endpoint checks failing (GET /health)'],
      ['17:09:00', 'change', 'commit', 'Commit `8ffb275`: fix(critical): Make migration 0021 idempotent'],
      ['17:14:02', 'deploy', 'log', 'Service started: Uvicorn running on http://0.0.0.0:8080'],
      ['17:16:00', 'verified', 'check', 'All 2 endpoint checks passing'],
    ]);
  });

  it('leaves out what someone already wrote down (same kind within two minutes)', () => {
    const seed = seedIncident();
    expect(mergedTimeline(seed)).toEqual(seed.timeline);
  });
});
