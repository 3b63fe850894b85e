import { describe, expect, it } from 'vitest';
import { saveIncident } from '../../src/db/incidentStore.js';
import { updateIncident } from '../../src/incidents/store.js';
import { type SearchOptions, searchIncidents } from '../../src/search/search.js';
import { thrown } from '../helpers/errors.js';
import { makeIncident } from '../helpers/records.js';
import { budgetsMigration, certificateExpiry, seededDatabase } from './corpus.js';

const ids = (db: ReturnType<typeof seededDatabase>['db'], query: string, options: SearchOptions = {}) =>
  searchIncidents(db, query, options).map((h) => (h.type === 'incident' ? h.incident_id : `${h.incident_id} ${h.type} ${h.ref}`));

describe('search', () => {
  it('ranks a title hit above a body hit', () => {
    const { db } = seededDatabase([
      makeIncident({ id: 'a-body', title: 'Login outage', summary: 'Nothing about it.', impact: 'Users saw a certificate warning.', lessons: [], actions: [] }),
      makeIncident({ id: 'b-title', title: 'Certificate expired on login', summary: 'Logins failed.', lessons: [], actions: [] }),
    ]);
    expect(ids(db, 'certificate')).toEqual(['b-title', 'a-body']);
  });

  it('finds error names and migration file names whole or in part', () => {
    const { db } = seededDatabase();
    expect(ids(db, 'psycopg2.errors.DuplicateTable', { type: 'incident' })).toEqual([
      '2025-11-02-budgets-migration-crash',
      '2026-02-10-worker-migration-duplicate-table',
      '2026-01-05-migration-0021-duplicate-table',
    ]);
    expect(ids(db, 'DuplicateTable', { type: 'incident' })).toHaveLength(3);
    expect(ids(db, '0021_add_budgets')).toEqual(['2025-11-02-budgets-migration-crash', '2026-02-10-worker-migration-duplicate-table']);
    expect(ids(db, 'backend/migrations/0021_add_budgets.py').sort()).toEqual([
      '2025-11-02-budgets-migration-crash',
      '2026-02-10-worker-migration-duplicate-table',
    ]);
  });

  it('matches phrases only in order, and prefixes', () => {
    const { db } = seededDatabase();
    expect(ids(db, '"duplicate table error"')).toEqual(['2026-02-10-worker-migration-duplicate-table']);
    expect(ids(db, '"table duplicate"')).toEqual([]);
    expect(ids(db, 'idempot*', { type: 'lesson' })).toContain('2025-11-02-budgets-migration-crash lesson 1');
    // The seed's fix changed 0021_add_habit_completions_table.py.
    expect(ids(db, '"0021_add*"').sort()).toEqual([
      '2025-11-02-budgets-migration-crash',
      '2026-01-05-migration-0021-duplicate-table',
      '2026-02-10-worker-migration-duplicate-table',
    ]);
  });

  it('understands OR, AND, NOT, groups and -word', () => {
    const { db } = seededDatabase();
    expect(ids(db, 'redis OR certificate', { type: 'incident' }).sort()).toEqual(['2025-08-14-certificate-expired', '2025-09-30-cache-stampede']);
    expect(ids(db, 'migration NOT certificate', { type: 'incident' })).not.toContain('2025-08-14-certificate-expired');
    expect(ids(db, 'migration -certificate', { type: 'incident' })).toEqual(ids(db, 'migration NOT certificate', { type: 'incident' }));
    expect(ids(db, '(redis OR tls) AND failover')).toEqual(['2025-09-30-cache-stampede']);
  });

  it('filters by type, service and start, and returns lessons and actions with their numbers', () => {
    const { db } = seededDatabase();
    expect(ids(db, 'migration*', { service: 'api', type: 'incident' })).toEqual(['2025-11-02-budgets-migration-crash', '2025-08-14-certificate-expired']);
    expect(ids(db, 'migration*', { since: '2026-01-01T00:00:00.000Z', type: 'incident' }).sort()).toEqual([
      '2026-01-05-migration-0021-duplicate-table',
      '2026-02-10-worker-migration-duplicate-table',
    ]);
    const [action] = searchIncidents(db, 'snapshot', { type: 'action' });
    expect(action).toMatchObject({
      type: 'action',
      incident_id: '2025-11-02-budgets-migration-crash',
      incident_title: 'API crashed on deploy: migration 0021_add_budgets failed',
      ref: 1,
      text: 'Add a migration dry-run against a production snapshot to CI',
      snippet: 'Add a migration dry-run against a production [snapshot] to CI',
      services: ['api'],
      started: '2025-11-02T09:00:00Z',
    });
    expect(searchIncidents(db, 'migration*', { limit: 2 })).toHaveLength(2);
  });

  it('highlights the match in a one-line snippet with the markers asked for', () => {
    const { db } = seededDatabase();
    const [hit] = searchIncidents(db, 'stampede', { type: 'incident', highlight: { open: '<b>', close: '</b>' } });
    expect(hit?.snippet).toBe('Cache <b>stampede</b> after Redis failover');
  });

  it.each([
    ['"duplicate table', 'The query has an unbalanced quote: "duplicate table'],
    ['AND migration', 'AND needs something to search for on both sides, but nothing comes before it.'],
    ['migration OR', 'OR needs something to search for on both sides, but nothing comes after it.'],
    ['NOT staging', 'NOT needs something to search for on both sides, but nothing comes before it.'],
    ['(redis OR kafka', 'The query has a "(" without a matching ")".'],
    ['redis)', 'The query has a ")" without a matching "(".'],
    ['()', 'The query has empty parentheses "()".'],
    ['*** ---', 'The query has no words to search for.'],
    ['-staging', 'The query only says what to leave out.'],
  ])('refuses the malformed query %s with exit code 3 and a hint', (query, message) => {
    const { db } = seededDatabase();
    const error = thrown(() => searchIncidents(db, query));
    expect([error.message, error.exitCode, error.code]).toEqual([message, 3, 'bad-query']);
    expect(error.hint).toBeTruthy();
  });

  it('reads FTS5 syntax in a query as text', () => {
    const { db } = seededDatabase();
    expect(ids(db, 'title:stampede NEAR(cache)')).toEqual([]);
    expect(ids(db, 'summary:cache')).toEqual([]);
    expect(ids(db, 'stampede^ {title} : *')).toEqual([]);
    expect(ids(db, 'stampede^')).toEqual(['2025-09-30-cache-stampede']);
  });
});

describe('the search index stays in step with the records', () => {
  it('follows an update: old words are gone, new ones found', () => {
    const { db } = seededDatabase();
    updateIncident(db, '2025-09-30-cache-stampede', new Date('2026-03-01T00:00:00Z'), (incident) => ({
      ...incident,
      title: 'Memcached eviction storm',
      lessons: [],
    }));
    expect(ids(db, 'stampede')).toEqual([]);
    expect(ids(db, 'memcached')).toEqual(['2025-09-30-cache-stampede']);
    expect(ids(db, '"cold cache"')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM search_fts WHERE incident_id = '2025-09-30-cache-stampede'").pluck().get()).toBe(2);
  });

  it('follows a delete, by any path (the incident row cascades to its documents)', () => {
    const { db } = seededDatabase();
    db.prepare("DELETE FROM incidents WHERE id = '2025-08-14-certificate-expired'").run();
    expect(ids(db, 'certificate')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM search_fts WHERE incident_id = '2025-08-14-certificate-expired'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM search_incidents').pluck().get()).toBe(4);
  });

  it('is left as it was when the transaction that wrote it rolls back', () => {
    const { db } = seededDatabase();
    const before = db.prepare('SELECT rowid, * FROM search_fts ORDER BY rowid').all();
    expect(() =>
      db.transaction(() => {
        saveIncident(db, { ...certificateExpiry(), title: 'Renamed' });
        saveIncident(db, makeIncident({ id: 'new-one', title: 'Brand new outage' }));
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(db.prepare('SELECT rowid, * FROM search_fts ORDER BY rowid').all()).toEqual(before);
    expect(ids(db, 'renamed OR brand')).toEqual([]);
  });

  it('gives each save consecutive rows, reusing none of another incident', () => {
    const { db } = seededDatabase();
    saveIncident(db, budgetsMigration());
    const ranges = db.prepare('SELECT first_doc, docs FROM search_incidents ORDER BY first_doc').all() as { first_doc: number; docs: number }[];
    for (let i = 1; i < ranges.length; i++) {
      const previous = ranges[i - 1] as { first_doc: number; docs: number };
      expect((ranges[i] as { first_doc: number }).first_doc).toBeGreaterThanOrEqual(previous.first_doc + previous.docs);
    }
    const total = ranges.reduce((n, r) => n + r.docs, 0);
    expect(db.prepare('SELECT count(*) FROM search_fts').pluck().get()).toBe(total);
  });
});
