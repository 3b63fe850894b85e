import type { Database } from 'better-sqlite3';

/**
 * Indexes for action lists and statistics, so both answer from indexes on
 * large databases: items by owner (`action list --owner`, unowned items in
 * `action check` and `stats`); tagged factors (`stats` tag counts scan only
 * factors that have tags); and incidents by start with their time to detect
 * and to recover in seconds, computed once on save (`stats` reads durations
 * and the ids of incidents in a date range from this index, instead of
 * parsing timestamps in every incident row). src/stats/collectStats.ts uses
 * these exact expressions: SQLite only reads an indexed expression written
 * the same way.
 */
export default function addActionIndexes(db: Database): void {
  db.exec(`
    CREATE INDEX action_items_owner ON action_items (owner COLLATE NOCASE, status);
    CREATE INDEX factors_tagged ON factors (tags, incident_id) WHERE tags <> '[]';
    CREATE INDEX incidents_effective_times ON incidents (
      effective_started_utc,
      id,
      round((julianday(effective_detected) - julianday(effective_started_utc)) * 86400),
      round((julianday(effective_resolved) - julianday(coalesce(effective_detected, effective_started_utc))) * 86400)
    );
  `);
}
