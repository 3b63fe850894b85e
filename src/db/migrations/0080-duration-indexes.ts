import type { Database } from 'better-sqlite3';

/**
 * Indexes of incidents ordered by their time to detect and by their time to
 * recover (seconds, the expressions of migration 0070; only known, non-negative
 * durations), each with the effective start. `stats` reads a median or a 90th
 * percentile by counting the index entries and stepping to the rank (`ORDER BY
 * ... LIMIT 2 OFFSET rank`) instead of loading every duration to sort it; a
 * date range is checked inside the index. src/stats/collectStats.ts uses these
 * exact expressions: SQLite only reads an indexed expression written the same way.
 */
export default function addDurationIndexes(db: Database): void {
  db.exec(`
    CREATE INDEX incidents_time_to_detect ON incidents (
      round((julianday(effective_detected) - julianday(effective_started_utc)) * 86400),
      effective_started_utc
    ) WHERE round((julianday(effective_detected) - julianday(effective_started_utc)) * 86400) >= 0;
    CREATE INDEX incidents_time_to_recover ON incidents (
      round((julianday(effective_resolved) - julianday(coalesce(effective_detected, effective_started_utc))) * 86400),
      effective_started_utc
    ) WHERE round((julianday(effective_resolved) - julianday(coalesce(effective_detected, effective_started_utc))) * 86400) >= 0;
  `);
}
