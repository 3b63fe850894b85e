import type { Database } from 'better-sqlite3';
import createIncidents from './0010-create-incidents.js';
import createNarrative from './0020-create-narrative.js';
import createEvidence from './0030-create-evidence.js';
import createSyncState from './0040-create-sync-state.js';
import addCollectorEvidence from './0050-collector-evidence.js';
import createSearchIndex from './0060-search-index.js';
import addActionIndexes from './0070-action-indexes.js';
import addDurationIndexes from './0080-duration-indexes.js';

export interface Migration {
  /** The `PRAGMA user_version` the database has after this migration. */
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Every migration, in order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'create-incidents', up: createIncidents },
  { version: 20, name: 'create-narrative', up: createNarrative },
  { version: 30, name: 'create-evidence', up: createEvidence },
  { version: 40, name: 'create-sync-state', up: createSyncState },
  { version: 50, name: 'collector-evidence', up: addCollectorEvidence },
  { version: 60, name: 'search-index', up: createSearchIndex },
  { version: 70, name: 'action-indexes', up: addActionIndexes },
  { version: 80, name: 'duration-indexes', up: addDurationIndexes },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
