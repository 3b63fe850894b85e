import type { Db } from '../db/open.js';
import { findSimilarIncidents } from '../similar/similar.js';
import type { SiteSimilar } from './types.js';

/**
 * "Seen before" links of one incident (`findSimilarIncidents`, best first),
 * only to incidents the site shows.
 */
export function seenBefore(db: Db, id: string, included: ReadonlySet<string>, limit = 5): SiteSimilar[] {
  return findSimilarIncidents(db, id, { limit: limit * 2 })
    .filter((link) => included.has(link.id))
    .slice(0, limit)
    .map(({ id, title, score, reasons }) => ({ id, title, score: Math.round(score * 100) / 100, reasons }));
}
