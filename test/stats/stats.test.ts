import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { type Incident, type IncidentInput, incidentSchema } from '../../src/record/schema.js';
import { collectStats } from '../../src/stats/collectStats.js';
import { seededWorkspace } from '../actions/seed.js';
import { runCli } from '../helpers/cli.js';

const incident = (input: Partial<IncidentInput> & { id: string }): Incident => incidentSchema.parse({ title: input.id, ...input });
const log = (fingerprint: string, message: string) => ({ level: 'error', message, fingerprint });

/**
 * Four incidents, small enough to check by hand (clock: 2026-02-10, UTC):
 * time to detect 600, 1800, 1200 s → median 1200, p90 1680 (1200 + 0.8 × 600);
 * time to recover (from detection) 3600, 7200 s → median 5400, p90 6840.
 */
function dataset(): Incident[] {
  return [
    incident({
      id: 'i1',
      services: ['api'],
      times: { started: '2026-01-10T10:00:00Z', detected: '2026-01-10T10:10:00Z', resolved: '2026-01-10T11:10:00Z' },
      factors: [{ text: 'Bad config pushed', tags: ['config', 'deploy'] }],
      evidence: { logs: [log('fp-timeout', 'upstream timed out after 30 s')] },
      actions: [
        { id: 1, text: 'Validate config in CI', owner: 'alice', due: '2026-01-15' },
        { id: 2, text: 'Roll back', owner: 'alice', status: 'done' },
      ],
    }),
    incident({
      id: 'i2',
      services: ['api', 'db'],
      // Offsets differ; durations use instants: detected 30 min after the start, resolved 2 h after detection.
      times: { started: '2026-01-20T11:00:00+01:00', detected: '2026-01-20T10:30:00Z', resolved: '2026-01-20T13:30:00+01:00' },
      factors: [
        { text: 'Config drift', tags: ['config'] },
        { text: 'Nobody was paged', tags: [] },
      ],
      evidence: { logs: [log('fp-timeout', 'upstream timed out after 12 s'), log('fp-dup', 'DuplicateTable: relation "users" already exists')] },
      actions: [{ id: 1, text: 'Page the database team' }],
    }),
    incident({
      id: 'i3',
      services: ['db'],
      times: { started: '2026-02-03T10:00:00+01:00', detected: '2026-02-03T09:20:00Z' },
      factors: [{ text: 'Disk full', tags: ['capacity'] }],
      evidence: { logs: [log('fp-dup', 'DuplicateTable: relation "orders" already exists'), log('fp-once', 'disk full')] },
      actions: [{ id: 1, text: 'Bigger disks', status: 'wont-do' }],
    }),
    incident({ id: 'i4', services: ['api'] }),
  ];
}

function statsOf(options: { since?: string; until?: string; zone?: string } = {}) {
  const cwd = seededWorkspace(dataset());
  const db = openDatabase(path.join(cwd, '.postmortem', 'postmortem.db'));
  try {
    return collectStats(db, { zone: options.zone ?? 'UTC', today: '2026-02-10', since: options.since, until: options.until });
  } finally {
    db.close();
  }
}

describe('stats', () => {
  it('gives the numbers of a hand-computable dataset', () => {
    expect(statsOf()).toEqual({
      since: null,
      until: null,
      today: '2026-02-10',
      incidents: { total: 4, undated: 1, first_started: '2026-01-10T10:00:00.000Z', last_started: '2026-02-03T09:00:00.000Z' },
      per_month: [
        { month: '2026-01', incidents: 2 },
        { month: '2026-02', incidents: 1 },
      ],
      per_service: [
        { service: 'api', incidents: 3 },
        { service: 'db', incidents: 2 },
      ],
      services_total: 2,
      time_to_detect: { count: 3, median_seconds: 1200, p90_seconds: 1680 },
      time_to_recover: { count: 2, median_seconds: 5400, p90_seconds: 6840 },
      recurrence: [
        { fingerprint: 'fp-dup', incidents: 2, incident_ids: ['i2', 'i3'], message: 'DuplicateTable: relation "users" already exists' },
        { fingerprint: 'fp-timeout', incidents: 2, incident_ids: ['i1', 'i2'], message: 'upstream timed out after 30 s' },
      ],
      recurring_fingerprints: 2,
      actions: { total: 4, open: 2, in_progress: 0, done: 1, wont_do: 1, overdue: 1, unowned: 1 },
      factor_tags: [
        { tag: 'config', factors: 2 },
        { tag: 'capacity', factors: 1 },
        { tag: 'deploy', factors: 1 },
      ],
    });
  });

  it('limits everything to incidents started in [since, until)', () => {
    const february = statsOf({ since: '2026-02-01T00:00:00.000Z' });
    expect(february).toMatchObject({
      incidents: { total: 1, undated: 0 },
      per_month: [{ month: '2026-02', incidents: 1 }],
      per_service: [{ service: 'db', incidents: 1 }],
      time_to_detect: { count: 1, median_seconds: 1200, p90_seconds: 1200 },
      time_to_recover: { count: 0, median_seconds: null, p90_seconds: null },
      recurrence: [],
      actions: { total: 1, wont_do: 1, overdue: 0 },
      factor_tags: [{ tag: 'capacity', factors: 1 }],
    });
    const january = statsOf({ since: '2026-01-01T00:00:00.000Z', until: '2026-02-01T00:00:00.000Z' });
    expect(january.incidents.total).toBe(2);
    expect(january.recurrence.map((r) => r.fingerprint)).toEqual(['fp-timeout']);
    expect(january.actions).toEqual({ total: 3, open: 2, in_progress: 0, done: 1, wont_do: 0, overdue: 1, unowned: 1 });
  });

  it('prints aligned tables, and JSON; --since and --until take dates in the workspace zone', async () => {
    const cwd = seededWorkspace(dataset());
    const env = { POSTMORTEM_NOW: '2026-02-10T12:00:00Z' };
    const [code, out, err] = await runCli(['stats'], { cwd, env });
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain('Incidents: 4 (1 without a start time), 2026-01-10 to 2026-02-03\n');
    expect(out).toContain('Per month  █▅\n  MONTH    INCIDENTS\n  2026-01  2          ');
    expect(out).toContain('Time to detect   median 20 min, p90 28 min (3 incidents)\nTime to recover  median 1 h 30 min, p90 1 h 54 min (2 incidents)\n');
    expect(out).toContain("Action items: 4 opened, 2 closed (50%; 1 done, 1 won't do), 2 still open, 1 overdue on 2026-02-10, 1 open without an owner\n");
    expect(out).toContain('  TAG       FACTORS\n  config    2\n  capacity  1\n  deploy    1\n');
    const [, json] = await runCli(['stats', '--json', '--since', '2026-01-15', '--until', '2026-01-31'], { cwd, env });
    expect(JSON.parse(json)).toMatchObject({ since: '2026-01-15T00:00:00.000Z', until: '2026-02-01T00:00:00.000Z', incidents: { total: 1 } });
    const [bad, , badErr] = await runCli(['stats', '--since', '2026-02-01', '--until', '2026-01-01'], { cwd, env });
    expect([bad, badErr.split('\n')[0]]).toEqual([3, 'error: --since 2026-02-01 is not before --until 2026-01-01.']);
    expect((await runCli(['stats', '--since', 'last week'], { cwd, env }))[0]).toBe(3);
    expect((await runCli(['stats', '--top', '0'], { cwd, env }))[0]).toBe(2);
    const empty = seededWorkspace([]);
    expect(await runCli(['stats'], { cwd: empty, env })).toEqual([0, 'Incidents: 0\n', '']);
  });
});
