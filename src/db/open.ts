import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EXIT, UserError } from '../errors.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file (and its folder) when missing. */
  create?: boolean;
  /** Milliseconds to wait for another writer before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens (and migrates) the incident database. WAL lets readers and a writer
 * work at once; the busy timeout lets two writers take turns instead of failing.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) {
    throw new UserError('database-missing', `No database at ${file}.`, {
      exitCode: EXIT.database,
      hint: 'Run `postmortem init` to create a workspace, or pass --db with the path of an existing database.',
    });
  }
  if (!exists) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000 });
  } catch (error) {
    throw unusable(file, error);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache (the default is 2 MiB): bulk imports touch every table's b-tree.
    db.pragma('cache_size = -262144');
    migrate(db, { label: file });
  } catch (error) {
    db.close();
    if (error instanceof UserError) throw error;
    throw unusable(file, error);
  }
  return db;
}

function unusable(file: string, error: unknown): UserError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UserError('database-unreadable', `Cannot use the database at ${file}: ${reason}.`, {
    exitCode: EXIT.database,
    cause: error,
    hint: 'Check that the path points at a postmortem database (not another file) and that you can read and write it. Nothing was changed.',
  });
}
