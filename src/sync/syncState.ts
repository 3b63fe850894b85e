import type { Db } from '../db/open.js';
import type { Incident } from '../record/schema.js';

/** The last version of an incident shared through a file (the merge base), or null. */
export function readSyncBase(db: Db, id: string): Incident | null {
  const row = db.prepare('SELECT base_record FROM sync_state WHERE incident_id = ?').pluck().get(id) as string | undefined;
  return row ? (JSON.parse(row) as Incident) : null;
}

/** Records `incident` as the version now shared between the database and its file. */
export function writeSyncBase(db: Db, incident: Incident, now: string): void {
  db.prepare(
    'INSERT INTO sync_state (incident_id, base_record, synced_at) VALUES (?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET base_record = excluded.base_record, synced_at = excluded.synced_at',
  ).run(incident.id, JSON.stringify(incident), now);
}

/** Gives actions without an id the next free ids, in order, as the database would. */
export function withActionIds(incident: Incident): Incident {
  if (incident.actions.every((action) => action.id !== null)) return incident;
  let next = Math.max(0, ...incident.actions.map((action) => action.id ?? 0)) + 1;
  return { ...incident, actions: incident.actions.map((action) => (action.id === null ? { ...action, id: next++ } : action)) };
}
