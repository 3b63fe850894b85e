import type { SimilarIncidentsFinder } from '../similar/similar.js';
import type { SiteSimilar } from './types.js';

/**
 * "Seen before" links of one incident (`findSimilarIncidents` through `find`,
 * a `similarIncidentsFinder` with titles preloaded: the build asks for every
 * incident it renders), best first, only to incidents the site shows.
 */
export function seenBefore(find: SimilarIncidentsFinder, id: string, included: ReadonlySet<string>, limit = 5): SiteSimilar[] {
  return find(id, { limit: limit * 2 })
    .filter((link) => included.has(link.id))
    .slice(0, limit)
    .map(({ id, title, score, reasons }) => ({ id, title, score: Math.round(score * 100) / 100, reasons }));
}
