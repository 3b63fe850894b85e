import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { LATEST_VERSION } from '../../src/db/migrations/index.js';
import { searchIncidents } from '../../src/search/search.js';
import { findSimilarIncidents } from '../../src/similar/similar.js';
import { tempDir } from '../helpers/temp.js';
import { seededDatabase } from './corpus.js';

const documents = (db: Database.Database) =>
  db.prepare('SELECT incident_id, type, ref, title, lead, body, errors, commits FROM search_fts ORDER BY incident_id, type, ref').all();

describe('migration 0060 (search index)', () => {
  it('indexes the incidents already stored exactly as saving them does', () => {
    // The same records, once saved by today's store, once as rows written at schema 50.
    const { db: saved, file } = seededDatabase();
    const old = new Database(path.join(tempDir(), 'old.db'));
    old.pragma('foreign_keys = ON');
    migrate(old, { targetVersion: 50 });
    old.prepare('ATTACH DATABASE ? AS saved').run(file);
    const tables = old.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name != 'sync_state' ORDER BY rowid").pluck().all() as string[];
    for (const table of tables) old.exec(`INSERT INTO main.${table} SELECT * FROM saved.${table}`);
    old.exec('DETACH DATABASE saved');
    const rows = tables.map((t) => old.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    expect(old.prepare('SELECT count(*) FROM lessons').pluck().get()).toBeGreaterThan(5);

    migrate(old);

    expect(old.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tables.map((t) => old.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all())).toEqual(rows);
    expect(documents(old)).toEqual(documents(saved));
    // Ties may come in another order (rowids differ), so compare as sets.
    const hits = (db: Database.Database) =>
      searchIncidents(db, 'migration*', { limit: 100 })
        .map((h) => JSON.stringify(h))
        .sort();
    expect(hits(old)).toEqual(hits(saved));
    expect(findSimilarIncidents(old, '2025-11-02-budgets-migration-crash')).toEqual(findSimilarIncidents(saved, '2025-11-02-budgets-migration-crash'));
  });

  it('gives each incident consecutive rows, so a later save or delete finds them', () => {
    const { db: saved, file } = seededDatabase();
    saved.close();
    const old = new Database(path.join(tempDir(), 'old.db'));
    old.pragma('foreign_keys = ON');
    migrate(old, { targetVersion: 50 });
    old.prepare('ATTACH DATABASE ? AS saved').run(file);
    for (const table of ['incidents', 'incident_labels', 'lessons', 'action_items']) old.exec(`INSERT INTO main.${table} SELECT * FROM saved.${table}`);
    old.exec('DETACH DATABASE saved');
    migrate(old);
    const ranges = old.prepare('SELECT incident_id, first_doc, docs FROM search_incidents ORDER BY first_doc').all();
    expect(ranges).toEqual([
      { incident_id: '2025-08-14-certificate-expired', first_doc: 1, docs: 3 },
      { incident_id: '2025-09-30-cache-stampede', first_doc: 4, docs: 3 },
      { incident_id: '2025-11-02-budgets-migration-crash', first_doc: 7, docs: 5 },
      { incident_id: '2026-01-05-migration-0021-duplicate-table', first_doc: 12, docs: 22 },
      { incident_id: '2026-02-10-worker-migration-duplicate-table', first_doc: 34, docs: 1 },
    ]);
    old.prepare("DELETE FROM incidents WHERE id = '2025-09-30-cache-stampede'").run();
    expect(old.prepare('SELECT count(*) FROM search_fts WHERE rowid BETWEEN 4 AND 6').pluck().get()).toBe(0);
    expect(old.prepare('SELECT count(*) FROM search_fts').pluck().get()).toBe(31);
  });
});
