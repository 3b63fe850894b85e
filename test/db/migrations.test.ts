import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/db/migrations/index.js';
import { openDatabase } from '../../src/db/open.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp.js';

/** Builds a database at `version`, as an older postmortem would have left it. */
function databaseAt(version: number) {
  const file = path.join(tempDir(), 'pm.db');
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, { targetVersion: version });
  return { db, file };
}

const dump = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();

describe('migrations', () => {
  it('are numbered by tens, in order, ending at the latest version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(LATEST_VERSION).toBe(80);
  });

  it('0020 keeps the incidents and labels written at 0010', () => {
    const { db } = databaseAt(10);
    db.prepare(
      "INSERT INTO incidents (id, title, status, started_at, started_utc) VALUES ('a', 'A', 'draft', '2026-01-05T18:00:00+01:00', '2026-01-05T17:00:00.000Z')",
    ).run();
    db.prepare("INSERT INTO incident_labels VALUES ('a', 'service', 0, 'api')").run();
    const before = [dump(db, 'incidents'), dump(db, 'incident_labels')];
    migrate(db, { targetVersion: 20 });
    expect([dump(db, 'incidents'), dump(db, 'incident_labels')]).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
  });

  it('0030 keeps the narrative written at 0020', () => {
    const { db } = databaseAt(20);
    db.prepare("INSERT INTO incidents (id, title, status) VALUES ('a', 'A', 'published')").run();
    db.prepare("INSERT INTO factors VALUES ('a', 0, 'Migration not idempotent', '[\"migration\"]')").run();
    db.prepare("INSERT INTO action_items VALUES ('a', 1, 0, 'Add tests', 'prevent', 'alice', '2026-02-01', 'high', 'open', NULL, NULL, NULL)").run();
    db.prepare("INSERT INTO timeline_events VALUES ('a', 0, '2026-01-05T17:00:00Z', '2026-01-05T17:00:00.000Z', 'Crash', 'detected', 'manual')").run();
    const tables = ['incidents', 'factors', 'action_items', 'timeline_events'];
    const before = tables.map((t) => dump(db, t));
    migrate(db, { targetVersion: 30 });
    expect(tables.map((t) => dump(db, t))).toEqual(before);
  });

  it('0040 keeps the evidence written at 0030', () => {
    const { db } = databaseAt(30);
    db.prepare("INSERT INTO incidents (id, title, status) VALUES ('a', 'A', 'draft')").run();
    db.prepare("INSERT INTO commits (incident_id, position, hash, subject, is_fix) VALUES ('a', 0, '8ffb275', 'fix', 1)").run();
    db.prepare("INSERT INTO commit_files VALUES ('a', 0, 0, 'x.py', 27, 18)").run();
    db.prepare("INSERT INTO endpoint_checks (incident_id, position, url, method, passed, phase) VALUES ('a', 0, 'http://x/health', 'GET', 1, 'after')").run();
    const tables = ['incidents', 'commits', 'commit_files', 'endpoint_checks'];
    const before = tables.map((t) => dump(db, t));
    migrate(db, { targetVersion: 40 });
    expect(tables.map((t) => dump(db, t))).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(40);
  });

  it('0050 keeps log events, commits and checks, giving the new columns their defaults', () => {
    const { db } = databaseAt(40);
    db.prepare(
      "INSERT INTO incidents (id, title, status, started_at, started_utc, resolved_at) VALUES ('a', 'A', 'draft', '2026-01-05T18:00:00+01:00', '2026-01-05T17:00:00.000Z', '2026-01-05T17:16:00Z')",
    ).run();
    db.prepare("INSERT INTO log_events (incident_id, position, level, message) VALUES ('a', 0, 'error', 'DuplicateTable')").run();
    db.prepare("INSERT INTO commits (incident_id, position, hash, subject, is_fix) VALUES ('a', 0, '8ffb275', 'fix', 1)").run();
    db.prepare("INSERT INTO endpoint_checks (incident_id, position, url, method, passed, phase) VALUES ('a', 0, 'http://x/health', 'GET', 1, 'after')").run();
    db.prepare("INSERT INTO sync_state VALUES ('a', NULL, '2026-01-01T00:00:00Z')").run();
    const tables = ['log_events', 'commits', 'endpoint_checks', 'sync_state'];
    const before = tables.map((t) => dump(db, t));
    migrate(db);
    const after = tables.map((t) => dump(db, t));
    expect(after[0]).toEqual([{ ...(before[0] as object[])[0], marker: null, excerpt: null }]);
    expect(after[1]).toEqual([{ ...(before[1] as object[])[0], is_merge: 0, tags: '[]' }]);
    expect(after[2]).toEqual([{ ...(before[2] as object[])[0], attempts: null, recovered_at: null }]);
    expect(after[3]).toEqual(before[3]);
    expect(db.prepare('SELECT effective_started_utc, effective_resolved FROM incidents').get()).toEqual({
      effective_started_utc: '2026-01-05T17:00:00.000Z',
      effective_resolved: '2026-01-05T17:16:00Z',
    });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('rolls back every pending migration when one fails', () => {
    const { db } = databaseAt(10);
    const broken = [
      ...MIGRATIONS.slice(0, 2),
      {
        version: 30,
        name: 'broken',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, { migrations: broken })).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'factors'").pluck().get()).toBe(0);
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const { db, file } = databaseAt(LATEST_VERSION);
    db.pragma('user_version = 990');
    db.close();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message.replace(file, 'DB')).toMatchInlineSnapshot(
      `"The database DB was written by a newer version of postmortem (schema 990; this version knows up to 80)."`,
    );
    expect((error as UserError).exitCode).toBe(6);
    const reopened = new Database(file);
    expect(reopened.pragma('user_version', { simple: true })).toBe(990);
  });
});
