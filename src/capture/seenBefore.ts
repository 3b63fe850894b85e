import type { Db } from '../db/open.js';
import type { Incident } from '../record/schema.js';
import { findIncidentsSeenBefore, type SeenBefore } from '../similar/similar.js';

export type { SeenBefore } from '../similar/similar.js';

/**
 * "Seen before": earlier incidents whose logs had some of this incident's
 * errors (same fingerprint), with their lessons and the action items they
 * still have open (src/similar/similar.ts).
 */
export function findSeenBefore(db: Db, incident: Incident): SeenBefore[] {
  const fingerprints = incident.evidence.logs.flatMap((e) => (e.fingerprint ? [e.fingerprint] : []));
  return findIncidentsSeenBefore(db, fingerprints, incident.id);
}
