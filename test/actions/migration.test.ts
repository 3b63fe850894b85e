import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { tempDir } from '../helpers/temp.js';

const dump = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();

describe('migration 0070 (action and statistics indexes)', () => {
  it('keeps the rows written at 0060 and adds the indexes the queries use', () => {
    const db = new Database(path.join(tempDir(), 'pm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, { targetVersion: 60 });
    db.prepare(
      "INSERT INTO incidents (id, title, status, effective_started_utc, effective_detected) VALUES ('a', 'A', 'draft', '2026-01-05T17:00:00.000Z', '2026-01-05T17:10:00Z')",
    ).run();
    db.prepare("INSERT INTO factors VALUES ('a', 0, 'Migration not idempotent', '[\"migration\"]')").run();
    db.prepare("INSERT INTO factors VALUES ('a', 1, 'No alert', '[]')").run();
    db.prepare("INSERT INTO action_items VALUES ('a', 1, 0, 'Add tests', 'prevent', 'alice', '2026-02-01', 'high', 'open', NULL, NULL, NULL)").run();
    const tables = ['incidents', 'factors', 'action_items'];
    const before = tables.map((t) => dump(db, t));
    migrate(db, { targetVersion: 70 });
    expect(tables.map((t) => dump(db, t))).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(70);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT count(*) FROM action_items WHERE owner IS NULL AND status IN ('open', 'in-progress')")).toContain('action_items_owner');
    expect(plan("SELECT tags, count(*) FROM factors WHERE tags <> '[]' GROUP BY tags")).toContain('factors_tagged');
    const ttd = 'round((julianday(effective_detected) - julianday(effective_started_utc)) * 86400)';
    expect(plan(`SELECT id, ${ttd} FROM incidents WHERE effective_started_utc >= '0000'`)).toContain('COVERING INDEX incidents_effective_times');
    expect(db.prepare(`SELECT ${ttd} FROM incidents`).pluck().get()).toBe(600);
    db.close();
  });
});

describe('migration 0080 (duration indexes)', () => {
  it('keeps the rows written at 0070 and answers percentiles from the new indexes', () => {
    const db = new Database(path.join(tempDir(), 'pm.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, { targetVersion: 70 });
    const insert = db.prepare(
      "INSERT INTO incidents (id, title, status, effective_started_utc, effective_detected, effective_resolved) VALUES (?, ?, 'draft', ?, ?, ?)",
    );
    insert.run('a', 'A', '2026-01-05T17:00:00.000Z', '2026-01-05T17:10:00Z', '2026-01-05T18:10:00Z');
    insert.run('b', 'B', '2026-01-06T09:00:00.000Z', null, '2026-01-06T09:30:00Z');
    insert.run('c', 'C', '2026-01-07T09:00:00.000Z', '2026-01-07T08:00:00Z', null);
    const before = dump(db, 'incidents');
    migrate(db, { targetVersion: 80 });
    expect(dump(db, 'incidents')).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(80);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const ttd = 'round((julianday(effective_detected) - julianday(effective_started_utc)) * 86400)';
    const ttr = 'round((julianday(effective_resolved) - julianday(coalesce(effective_detected, effective_started_utc))) * 86400)';
    const ranked = (e: string) => `SELECT ${e} AS s FROM incidents WHERE ${e} >= 0 AND effective_started_utc >= '0000' ORDER BY s LIMIT 2 OFFSET 0`;
    expect(plan(ranked(ttd))).toContain('COVERING INDEX incidents_time_to_detect');
    expect(plan(ranked(ttr))).toContain('COVERING INDEX incidents_time_to_recover');
    expect(plan(ranked(ttd))).not.toContain('TEMP B-TREE');
    // Negative (detected before start) and unknown durations are left out of the indexes.
    expect(db.prepare(ranked(ttd)).pluck().all()).toEqual([600]);
    expect(db.prepare(ranked(ttr)).pluck().all()).toEqual([1800, 3600]);
    db.close();
  });
});
