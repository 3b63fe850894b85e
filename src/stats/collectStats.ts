import type { Db } from '../db/open.js';
import { interpolate, summarize } from './percentile.js';
import { periodsBetween } from './periods.js';

/**
 * Trends over the stored incidents, read with SQL aggregates (never whole
 * records): incidents per month and per service, time to detect and to
 * recover (median and p90, from the effective times stored on save),
 * recurring log fingerprints, action items and contributing-factor tags.
 */

export interface StatsOptions {
  /** UTC ISO instants: incidents that started in [since, until). */
  since?: string | undefined;
  until?: string | undefined;
  /** Workspace zone: months start at local midnight. */
  zone: string;
  /** YYYY-MM-DD in the workspace zone, for overdue items. */
  today: string;
  /** How many services, fingerprints and tags to list (default 10). */
  top?: number | undefined;
}

export interface DurationStats {
  /** Incidents with both times known. */
  count: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

export interface Stats {
  since: string | null;
  until: string | null;
  today: string;
  incidents: { total: number; undated: number; first_started: string | null; last_started: string | null };
  per_month: Array<{ month: string; incidents: number }>;
  per_service: Array<{ service: string; incidents: number }>;
  services_total: number;
  time_to_detect: DurationStats;
  time_to_recover: DurationStats;
  recurrence: Array<{ fingerprint: string; incidents: number; incident_ids: string[]; message: string }>;
  recurring_fingerprints: number;
  actions: { total: number; open: number; in_progress: number; done: number; wont_do: number; overdue: number; unowned: number };
  /** Tags of contributing factors, by how many factors carry them. */
  factor_tags: Array<{ tag: string; factors: number }>;
}

/** Seconds from start to detection: written exactly as indexed in migrations 0070 and 0080. */
const TIME_TO_DETECT = 'round((julianday(effective_detected) - julianday(effective_started_utc)) * 86400)';
/** Seconds from detection (else start) to resolution: written exactly as indexed in migrations 0070 and 0080. */
const TIME_TO_RECOVER = 'round((julianday(effective_resolved) - julianday(coalesce(effective_detected, effective_started_utc))) * 86400)';

/** Collects every number `postmortem stats` shows. */
export function collectStats(db: Db, options: StatsOptions): Stats {
  const top = options.top ?? 10;
  const ranged = options.since !== undefined || options.until !== undefined;
  const params = { since: options.since ?? '0000', until: options.until ?? '9999', today: options.today, top };
  const inRange = 'i.effective_started_utc >= @since AND i.effective_started_utc < @until';
  // Child rows of the incidents in range (all of them when no range is given); the ids come from a covering index.
  const scoped = (alias: string) =>
    ranged ? `AND ${alias}.incident_id IN (SELECT id FROM incidents WHERE effective_started_utc >= @since AND effective_started_utc < @until)` : '';
  const get = <T>(sql: string) => db.prepare(sql).get(params) as T;
  const all = <T>(sql: string) => db.prepare(sql).all(params) as T[];

  const counts = get<{ total: number; undated: number; first: string | null; last: string | null }>(
    ranged
      ? `SELECT count(*) AS total, 0 AS undated, min(effective_started_utc) AS first, max(effective_started_utc) AS last FROM incidents i WHERE ${inRange}`
      : `SELECT count(*) AS total, count(*) - count(effective_started_utc) AS undated,
           (SELECT min(effective_started_utc) FROM incidents) AS first, (SELECT max(effective_started_utc) FROM incidents) AS last FROM incidents`,
  );

  const perMonth: Stats['per_month'] = [];
  if (counts.first && counts.last) {
    const countIn = db.prepare('SELECT count(*) FROM incidents WHERE effective_started_utc >= ? AND effective_started_utc < ?').pluck();
    for (const month of periodsBetween(Date.parse(counts.first), Date.parse(counts.last), options.zone, 'month')) {
      // ISO instants compare as text: the later start and the earlier end.
      const [, from] = [month.start, params.since].sort();
      const [to] = [month.end, params.until].sort();
      perMonth.push({ month: month.label, incidents: countIn.get(from, to) as number });
    }
  }

  const services = all<{ service: string; incidents: number }>(
    `SELECT l.value AS service, count(*) AS incidents FROM incident_labels l
     WHERE l.kind = 'service' ${scoped('l')} GROUP BY l.value ORDER BY incidents DESC, service`,
  );

  // Time to detect (started → detected) and to recover (detected, else started → resolved), as
  // record/durations.ts defines them. Over all incidents, migration 0080's indexes (incidents by
  // each duration, non-negative ones only) give the count and each percentile from the two values
  // at its rank (ORDER BY the indexed value, OFFSET the rank), never loading the durations. For a
  // date range, one walk of migration 0070's index (by start, with both durations) over the range.
  const ranked = (expression: string): DurationStats => {
    const where = `${expression} >= 0 AND effective_started_utc >= @since`;
    const count = db.prepare(`SELECT count(*) FROM incidents WHERE ${where}`).pluck().get(params) as number;
    const at = db.prepare(`SELECT ${expression} AS seconds FROM incidents WHERE ${where} ORDER BY seconds LIMIT 2 OFFSET @rank`).pluck();
    const percentile = (p: number): number | null => {
      if (count === 0) return null;
      const rank = (p / 100) * (count - 1);
      const lower = Math.floor(rank);
      const [a = 0, b = a] = at.all({ ...params, rank: lower }) as number[];
      return interpolate(a, b, rank - lower);
    };
    const round = (v: number | null) => (v === null ? null : Math.round(v));
    return { count, median_seconds: round(percentile(50)), p90_seconds: round(percentile(90)) };
  };
  let ttd: DurationStats;
  let ttr: DurationStats;
  if (ranged) {
    const detect: number[] = [];
    const recover: number[] = [];
    const rows = db
      .prepare(`SELECT ${TIME_TO_DETECT}, ${TIME_TO_RECOVER} FROM incidents WHERE effective_started_utc >= @since AND effective_started_utc < @until`)
      .raw()
      .all(params) as Array<[number | null, number | null]>;
    for (const [d, r] of rows) {
      if (d !== null && d >= 0) detect.push(d);
      if (r !== null && r >= 0) recover.push(r);
    }
    ttd = summarize(detect);
    ttr = summarize(recover);
  } else {
    ttd = ranked(TIME_TO_DETECT);
    ttr = ranked(TIME_TO_RECOVER);
  }

  // Fingerprints in more than one incident: the index is ordered by fingerprint then incident, so
  // min <> max finds them in one walk without a distinct-set per fingerprint; only those are counted.
  const groups = all<{ fingerprint: string; incidents: number; ids: string }>(
    `WITH recurring AS MATERIALIZED (
       SELECT e.fingerprint FROM log_events e WHERE e.fingerprint IS NOT NULL ${scoped('e')}
       GROUP BY e.fingerprint HAVING min(e.incident_id) <> max(e.incident_id))
     SELECT e.fingerprint, count(DISTINCT e.incident_id) AS incidents, group_concat(DISTINCT e.incident_id) AS ids
     FROM recurring r JOIN log_events e ON e.fingerprint = r.fingerprint WHERE 1 ${scoped('e')}
     GROUP BY e.fingerprint ORDER BY incidents DESC, e.fingerprint`,
  );
  const messageOf = db.prepare('SELECT message FROM log_events WHERE fingerprint = ? ORDER BY incident_id, position LIMIT 1').pluck();
  const recurrence = groups.slice(0, top).map((g) => ({
    fingerprint: g.fingerprint,
    incidents: g.incidents,
    incident_ids: g.ids.split(',').sort(),
    message: String(messageOf.get(g.fingerprint) ?? ''),
  }));

  // Over all items, the counts come from the (status, due) index and the unowned ones from the
  // owner index; for a range, the items are read by incident anyway, so one pass counts both.
  const byStatus = all<{ status: string; items: number; overdue: number; unowned: number }>(
    `SELECT a.status, count(*) AS items, coalesce(sum(a.due IS NOT NULL AND a.due < @today), 0) AS overdue,
       ${ranged ? 'coalesce(sum(a.owner IS NULL), 0)' : '0'} AS unowned
     FROM action_items a WHERE 1 ${scoped('a')} GROUP BY a.status`,
  );
  const status = (name: string) => byStatus.find((row) => row.status === name);
  const unowned = ranged
    ? (status('open')?.unowned ?? 0) + (status('in-progress')?.unowned ?? 0)
    : get<{ n: number }>("SELECT count(*) AS n FROM action_items a WHERE a.owner IS NULL AND a.status IN ('open', 'in-progress')").n;
  const actions: Stats['actions'] = {
    total: byStatus.reduce((sum, row) => sum + row.items, 0),
    open: status('open')?.items ?? 0,
    in_progress: status('in-progress')?.items ?? 0,
    done: status('done')?.items ?? 0,
    wont_do: status('wont-do')?.items ?? 0,
    overdue: (status('open')?.overdue ?? 0) + (status('in-progress')?.overdue ?? 0),
    unowned,
  };

  // Tags are counted per distinct tag list (few, read from an index), then split.
  const tagCounts = new Map<string, number>();
  for (const row of all<{ tags: string; factors: number }>(
    `SELECT f.tags, count(*) AS factors FROM factors f WHERE f.tags <> '[]' ${scoped('f')} GROUP BY f.tags`,
  )) {
    for (const tag of new Set(JSON.parse(row.tags) as string[])) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + row.factors);
  }
  const tags = [...tagCounts]
    .map(([tag, factors]) => ({ tag, factors }))
    .sort((a, b) => b.factors - a.factors || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .slice(0, top);

  return {
    since: options.since ?? null,
    until: options.until ?? null,
    today: options.today,
    incidents: { total: counts.total, undated: counts.undated, first_started: counts.first, last_started: counts.last },
    per_month: perMonth,
    per_service: services.slice(0, top),
    services_total: services.length,
    time_to_detect: ttd,
    time_to_recover: ttr,
    recurrence,
    recurring_fingerprints: groups.length,
    actions,
    factor_tags: tags,
  };
}
