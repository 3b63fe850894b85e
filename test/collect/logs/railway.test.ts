import { describe, expect, it } from 'vitest';
import { digestFixture, groups, markers, timeline } from './helpers.js';

describe('railway-deploy.log (railway logs --json, build and deploy logs of two deployments)', () => {
  const c = digestFixture('railway-deploy.log');

  it('reads it as Railway, timestamps to the nanosecond turned to UTC milliseconds', () => {
    expect(c.source).toEqual({
      source: 'railway-deploy.log',
      file: null,
      format: 'railway',
      lines: 314,
      bytes: 42497,
      levels: { error: 3, info: 125 },
      first_time: '2026-01-05T16:58:02.118Z',
      last_time: '2026-01-05T17:16:01.309Z',
    });
    expect(c.warnings).toEqual([]);
  });

  it('makes the DuplicateTable traceback of each crash-looping start one group', () => {
    expect(groups(c)).toHaveLength(1);
    const [crash] = groups(c);
    expect(crash).toMatchObject({
      level: 'error',
      message: 'psycopg2.errors.DuplicateTable: relation "habit_completions" already exists',
      fingerprint: 'psycopg2.errors.DuplicateTable: relation "<str>" already exists',
      count: 3,
      time: '2026-01-05T16:59:02.748Z',
      last_seen: '2026-01-05T16:59:29.270Z',
    });
    const excerpt = crash?.excerpt?.split('\n') ?? [];
    expect(excerpt[0]).toBe('Traceback (most recent call last):');
    expect(excerpt).toContain('The above exception was the direct cause of the following exception:');
    expect(excerpt.at(-1)).toBe('(Background on this error at: https://sqlalche.me/e/20/f405)');
  });

  it('tells the story in lifecycle markers: failed migrations and health checks, then the fixed deploy', () => {
    expect(timeline(c)).toEqual([
      'build-started@16:58:02',
      'build-finished@16:58:50',
      'starting@16:59:00',
      'migration-started@16:59:02 x2',
      'migration-failed@16:59:02',
      'unhealthy@16:59:03 x2',
      'starting@16:59:14',
      'migration-started@16:59:15 x2',
      'migration-failed@16:59:16',
      'unhealthy@16:59:17 x2',
      'starting@16:59:27',
      'migration-started@16:59:28 x2',
      'migration-failed@16:59:29',
      'unhealthy@16:59:30 x5',
      'build-started@17:12:31',
      'build-finished@17:13:11',
      'starting@17:13:20',
      'migration-started@17:13:21 x2',
      'migration-skipped@17:13:22',
      'starting@17:13:22',
      'started@17:13:22 x2',
      'healthy@17:13:23',
    ]);
    expect(markers(c).find((m) => m.marker === 'migration-skipped')?.message).toBe(
      '[migrations.5e8a1c3f9d2b] Skipping create_table: habit_completions already exists (created by Base.metadata.create_all)',
    );
  });

  it("trusts the level in the message over Railway's stderr severity", () => {
    // Uvicorn and alembic write INFO lines to stderr, which Railway marks "error".
    expect(markers(c).find((m) => m.marker === 'started')).toMatchObject({ level: 'info', message: 'Application startup complete.' });
  });

  it('masks the database password the migration script printed', () => {
    expect(JSON.stringify(c)).not.toContain('Xk9vTq2LmR7pWz4N');
    expect(markers(c).find((m) => m.marker === 'migration-started')?.message).toBe(
      'Running migrations against postgresql://habits:[REDACTED:url-password]@postgres.railway.internal:5432/railway',
    );
    expect(c.redactions).toEqual({ 'url-password': 4 });
  });
});
