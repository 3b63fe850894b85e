import type { Db } from '../db/open.js';
import type { Incident } from '../record/schema.js';

/**
 * The merge base of each incident: the version last shared through a file.
 * A NULL `base_record` means "the same as the stored incident", which is the
 * usual state after an import or export and costs nothing to write;
 * `saveIncident` copies the stored record into the base before changing it.
 */

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    read: db.prepare('SELECT base_record FROM sync_state WHERE incident_id = ?'),
    write: db.prepare(
      'INSERT INTO sync_state (incident_id, base_record, synced_at) VALUES (?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET base_record = excluded.base_record, synced_at = excluded.synced_at',
    ),
  };
}

function syncStatements(db: Db) {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = prepare(db);
    statements.set(db, prepared);
  }
  return prepared;
}

export type SyncBase = { kind: 'none' } | { kind: 'stored' } | { kind: 'record'; record: Incident };

/** Where the merge base of an incident is: none (never shared), the stored record itself, or a saved copy. */
export function readSyncBase(db: Db, id: string): SyncBase {
  const row = syncStatements(db).read.get(id) as { base_record: string | null } | undefined;
  if (!row) return { kind: 'none' };
  return row.base_record === null ? { kind: 'stored' } : { kind: 'record', record: JSON.parse(row.base_record) as Incident };
}

/** Records `incident` as the version now shared; pass `stored` when it is exactly what the database holds. */
export function writeSyncBase(db: Db, incident: Incident, now: string, stored: boolean): void {
  syncStatements(db).write.run(incident.id, stored ? null : JSON.stringify(incident), now);
}

/** Gives actions without an id the next free ids, in order, as the database would. */
export function withActionIds(incident: Incident): Incident {
  if (incident.actions.every((action) => action.id !== null)) return incident;
  let next = Math.max(0, ...incident.actions.map((action) => action.id ?? 0)) + 1;
  return { ...incident, actions: incident.actions.map((action) => (action.id === null ? { ...action, id: next++ } : action)) };
}
