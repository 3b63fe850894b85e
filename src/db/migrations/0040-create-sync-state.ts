import type { Database } from 'better-sqlite3';

/**
 * The last version of each incident that was imported from or exported to a
 * file: the common ancestor for a three-way merge, so an import can tell a
 * file edited in a pull request from a stale file that would undo local work.
 */
export default function createSyncState(db: Database): void {
  db.exec(`
    CREATE TABLE sync_state (
      incident_id TEXT PRIMARY KEY, -- no foreign key: a save replaces the incident row, the base must survive it
      base_record TEXT, -- NULL: the base is the stored incident itself
      synced_at TEXT NOT NULL
    ) STRICT;
  `);
}
