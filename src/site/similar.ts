import type { Db } from '../db/open.js';
import { findSimilarIncidents } from '../similar/similar.js';
import type { SiteSimilar } from './types.js';

/**
 * `db` with `prepare` remembered by SQL text: `findSimilarIncidents` prepares its
 * statements on every call, a sixth of its time when it runs for every incident.
 * Its statements are run to completion (`all`, `get`) and each text is always
 * plucked or never, so sharing one statement between calls is safe.
 */
export function withStatementCache(db: Db): Db {
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare')
        return (sql: string) => {
          let statement = statements.get(sql);
          if (!statement) {
            statement = target.prepare(sql);
            statements.set(sql, statement);
          }
          return statement;
        };
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

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
