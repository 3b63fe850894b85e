import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findIncidentsSeenBefore, findSimilarIncidents } from '../../src/similar/similar.js';
import { runCli } from '../helpers/cli.js';
import { thrown } from '../helpers/errors.js';
import { tempDir } from '../helpers/temp.js';
import { budgetsMigration, DUPLICATE_TABLE, seededDatabase } from '../search/corpus.js';

describe('similar', () => {
  it('finds the incident with the same error and fix file first, saying why', () => {
    const { db } = seededDatabase();
    const [first, ...rest] = findSimilarIncidents(db, '2025-11-02-budgets-migration-crash');
    expect(first).toMatchObject({
      id: '2026-02-10-worker-migration-duplicate-table',
      title: 'Worker failed to start after the budgets migration',
      started: '2026-02-10T08:00:00Z',
    });
    expect(first?.reasons.slice(0, 2)).toEqual([`same error: ${DUPLICATE_TABLE}`, 'fix touched the same file: backend/migrations/0021_add_budgets.py']);
    expect(rest.map((s) => s.id)).toContain('2025-08-14-certificate-expired');
    const certificate = rest.find((s) => s.id === '2025-08-14-certificate-expired');
    expect(certificate?.reasons).toContain('same service: api');
    expect(first?.score).toBeGreaterThan(certificate?.score ?? Infinity);
  });

  it('finds the seed report through its rare words when nothing else is shared', () => {
    const { db } = seededDatabase();
    const similar = findSimilarIncidents(db, '2026-01-05-migration-0021-duplicate-table');
    const budgets = similar.find((s) => s.id === '2025-11-02-budgets-migration-crash');
    expect(budgets?.reasons.some((r) => r.startsWith('similar text: ') && r.includes('duplicatetable'))).toBe(true);
  });

  it('shares failing endpoints', () => {
    const again = { ...budgetsMigration(), id: '2026-03-01-budgets-404', title: 'Budgets page 404', lessons: [], actions: [] };
    again.evidence = { ...again.evidence, logs: [], commits: [] };
    const { db } = seededDatabase([budgetsMigration(), again]);
    expect(findSimilarIncidents(db, '2026-03-01-budgets-404')[0]?.reasons).toContain('same failing endpoint: GET https://api.example.com/api/budgets/');
  });

  it('limits the list, and refuses an unknown id with exit code 4', () => {
    const { db } = seededDatabase();
    expect(findSimilarIncidents(db, '2025-11-02-budgets-migration-crash', { limit: 1 })).toHaveLength(1);
    const error = thrown(() => findSimilarIncidents(db, 'nope'));
    expect([error.message, error.exitCode]).toEqual(['Incident "nope" does not exist.', 4]);
  });

  it('lists incidents seen before with their lessons and only their open actions', () => {
    const { db } = seededDatabase();
    expect(findIncidentsSeenBefore(db, [DUPLICATE_TABLE, 'unknown'], '2026-02-10-worker-migration-duplicate-table')).toEqual([
      {
        id: '2025-11-02-budgets-migration-crash',
        title: 'API crashed on deploy: migration 0021_add_budgets failed',
        started: '2025-11-02T09:00:00Z',
        fingerprints: [DUPLICATE_TABLE],
        lessons: ['Migrations must be idempotent; never assume a clean database.', 'Run migrations against a production snapshot in CI.'],
        open_actions: [{ number: 1, text: 'Add a migration dry-run against a production snapshot to CI', owner: 'db-team', due: '2025-12-01', status: 'open' }],
      },
    ]);
    expect(findIncidentsSeenBefore(db, [], 'x')).toEqual([]);
  });
});

describe('postmortem similar and collect logs (black box)', () => {
  async function workspace() {
    const dir = tempDir();
    const { db } = seededDatabase();
    const file = path.join(dir, 'pm.db');
    await db.backup(file);
    db.close();
    return { dir, env: { POSTMORTEM_DB: file } };
  }

  it('prints similar incidents with reasons, or JSON', async () => {
    const { dir, env } = await workspace();
    const [code, stdout, stderr] = await runCli(['similar', '2025-11-02-budgets-migration-crash', '--limit', '1'], { cwd: dir, env });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      expect.stringMatching(/^2026-02-10-worker-migration-duplicate-table {2}\(score [\d.]+\)$/),
      '  2026-02-10  Worker failed to start after the budgets migration',
      `  - same error: ${DUPLICATE_TABLE}`,
      '  - fix touched the same file: backend/migrations/0021_add_budgets.py',
    ]);
    const [jsonCode, json] = await runCli(['similar', '2025-11-02-budgets-migration-crash', '--json'], { cwd: dir, env });
    expect(jsonCode).toBe(0);
    expect(JSON.parse(json)[0].id).toBe('2026-02-10-worker-migration-duplicate-table');
    expect(await runCli(['similar', 'nope'], { cwd: dir, env })).toEqual([
      4,
      '',
      'error: Incident "nope" does not exist.\nhint: Run `postmortem list` to see the ids of stored incidents.\n',
    ]);
  });

  it('collect logs prints the earlier incidents that had the same errors, their lessons and open actions', async () => {
    const { dir, env } = await workspace();
    const [created] = await runCli(['new', 'Budgets crash again', '--id', '2026-04-01-budgets-again', '--service', 'api'], { cwd: dir, env });
    expect(created).toBe(0);
    const log = path.join(dir, 'deploy.log');
    fs.writeFileSync(
      log,
      [
        '2026-04-01T10:00:00Z INFO Running migrations',
        '2026-04-01T10:00:01Z ERROR psycopg2.errors.DuplicateTable: relation "budgets" already exists',
        '2026-04-01T10:00:02Z ERROR psycopg2.errors.DuplicateTable: relation "budgets" already exists',
        '',
      ].join('\n'),
    );
    const [code, stdout, stderr] = await runCli(['collect', 'logs', '2026-04-01-budgets-again', log], { cwd: dir, env });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n').slice(1)).toEqual([
      '',
      'Seen before: 2 earlier incidents had these errors:',
      '  2026-02-10-worker-migration-duplicate-table (2026-02-10): Worker failed to start after the budgets migration',
      `    same error: ${DUPLICATE_TABLE}`,
      '  2025-11-02-budgets-migration-crash (2025-11-02): API crashed on deploy: migration 0021_add_budgets failed',
      `    same error: ${DUPLICATE_TABLE}`,
      '    lesson: Migrations must be idempotent; never assume a clean database.',
      '    lesson: Run migrations against a production snapshot in CI.',
      '    open action #1: Add a migration dry-run against a production snapshot to CI (db-team, due 2025-12-01)',
      '',
    ]);
    const [, json] = await runCli(['collect', 'logs', '2026-04-01-budgets-again', log, '--json'], { cwd: dir, env });
    expect(JSON.parse(json).seen_before.map((s: { id: string }) => s.id)).toEqual([
      '2026-02-10-worker-migration-duplicate-table',
      '2025-11-02-budgets-migration-crash',
    ]);
  });
});
