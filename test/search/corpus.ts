import path from 'node:path';
import { saveIncident } from '../../src/db/incidentStore.js';
import { type Db, openDatabase } from '../../src/db/open.js';
import type { Incident } from '../../src/record/schema.js';
import { makeIncident, seedIncident } from '../helpers/records.js';
import { tempDir } from '../helpers/temp.js';

/** The fingerprint `collect logs` gives `psycopg2.errors.DuplicateTable: relation "x" already exists`. */
export const DUPLICATE_TABLE = 'psycopg2.errors.DuplicateTable: relation "<str>" already exists';

/** A migration crash shaped like the seed report: DuplicateTable on deploy, fixed by making 0021 idempotent. */
export function budgetsMigration(): Incident {
  return makeIncident({
    id: '2025-11-02-budgets-migration-crash',
    title: 'API crashed on deploy: migration 0021_add_budgets failed',
    services: ['api'],
    tags: ['migration', 'postgres'],
    times: { started: '2025-11-02T09:00:00Z', resolved: '2025-11-02T09:40:00Z' },
    summary: 'The deploy ran `alembic upgrade head`; migration 0021_add_budgets hit psycopg2.errors.DuplicateTable and the API crash-looped.',
    factors: [{ text: 'The budgets table had been created by hand in production.', tags: ['migration'] }],
    solution: 'Made the migration idempotent with an inspector check.',
    lessons: [{ text: 'Migrations must be idempotent; never assume a clean database.' }, { text: 'Run migrations against a production snapshot in CI.' }],
    actions: [
      { id: 1, text: 'Add a migration dry-run against a production snapshot to CI', owner: 'db-team', due: '2025-12-01' },
      { id: 2, text: 'Audit existing migrations for idempotency', status: 'done', closed_at: '2025-11-20T10:00:00Z' },
    ],
    evidence: {
      logs: [
        {
          time: '2025-11-02T09:00:05Z',
          level: 'error',
          source: 'deploy.log',
          message: 'psycopg2.errors.DuplicateTable: relation "budgets" already exists',
          fingerprint: DUPLICATE_TABLE,
          count: 12,
        },
      ],
      commits: [
        {
          hash: 'a1b2c3d',
          subject: 'fix: make migration 0021_add_budgets idempotent',
          fix: true,
          files: [{ path: 'backend/migrations/0021_add_budgets.py', insertions: 12, deletions: 3 }],
        },
      ],
      checks: [{ url: 'https://api.example.com/api/budgets/', method: 'GET', passed: false, status_code: 404, result: 'HTTP 404 Not Found', phase: 'before' }],
    },
  });
}

/** The same migration failing again months later, in another service. */
export function budgetsAgain(): Incident {
  return makeIncident({
    id: '2026-02-10-worker-migration-duplicate-table',
    title: 'Worker failed to start after the budgets migration',
    services: ['worker'],
    times: { started: '2026-02-10T08:00:00Z' },
    summary: 'Startup migrations failed with a duplicate table error again.',
    factors: [{ text: 'A manual hotfix created the table before the migration ran.', tags: [] }],
    lessons: [],
    actions: [],
    evidence: {
      logs: [
        {
          level: 'error',
          message: 'psycopg2.errors.DuplicateTable: relation "budget_lines" already exists',
          fingerprint: DUPLICATE_TABLE,
        },
      ],
      commits: [
        {
          hash: 'b2c3d4e',
          subject: 'fix: guard budget_lines creation',
          fix: true,
          files: [{ path: 'backend/migrations/0021_add_budgets.py', insertions: 4, deletions: 1 }],
        },
      ],
    },
  });
}

/** Unrelated incidents: a certificate expiry and a Redis cache stampede, both on the api service. */
export function certificateExpiry(): Incident {
  return makeIncident({
    id: '2025-08-14-certificate-expired',
    title: 'TLS certificate for api.example.com expired',
    services: ['api'],
    times: { started: '2025-08-14T00:00:00Z' },
    summary: 'Clients rejected the API: the certificate had expired at midnight.',
    factors: [{ text: 'Renewal depended on a rotated DNS token; the migration of DNS providers broke it.', tags: ['tls'] }],
    lessons: [{ text: 'Anything renewed once a year will be forgotten.' }],
    actions: [{ id: 1, text: 'Alert 21 days before any certificate expires', owner: 'sre' }],
  });
}

export function cacheStampede(): Incident {
  return makeIncident({
    id: '2025-09-30-cache-stampede',
    title: 'Cache stampede after Redis failover',
    services: ['catalog'],
    times: { started: '2025-09-30T12:00:00Z' },
    summary: 'A Redis failover emptied the cache and every instance recomputed the catalog at once.',
    factors: [{ text: 'Every key shared the same TTL.', tags: ['cache'] }],
    lessons: [{ text: 'A cold cache is a load test of the database.' }],
    actions: [{ id: 3, text: 'Add single-flight loading for hot keys', owner: 'catalog-team' }],
  });
}

/** Every incident of the corpus: the seed report's record and the four above. */
export function corpus(): Incident[] {
  return [seedIncident(), budgetsMigration(), budgetsAgain(), certificateExpiry(), cacheStampede()];
}

/** A fresh database holding `incidents`, saved through the store in one transaction. */
export function seededDatabase(incidents: Incident[] = corpus()): { db: Db; file: string } {
  const file = path.join(tempDir(), 'pm.db');
  const db = openDatabase(file, { create: true });
  db.transaction(() => {
    for (const incident of incidents) saveIncident(db, incident);
  })();
  return { db, file };
}
