import type { Db } from '../db/open.js';
import { ACTION_STATUSES, type ActionItem } from '../record/schema.js';
import { formatAddress } from './address.js';

/**
 * Action items across incidents, read with SQL from `action_items` (never by
 * loading whole records), so `action list --overdue` stays fast on large
 * databases. "Overdue": open or in progress, with a due date before today.
 */

export const ACTIVE_STATUSES = ['open', 'in-progress'] as const;
export const SORT_KEYS = ['due', 'owner', 'incident', 'priority', 'age'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ActionFilter {
  /** Statuses to include (default: open and in-progress). */
  statuses?: readonly ActionItem['status'][] | undefined;
  /** Owner, case-insensitive; null: items without an owner. */
  owner?: string | null | undefined;
  incident?: string | undefined;
  service?: string | undefined;
  overdue?: boolean | undefined;
  /** Due strictly before this date (YYYY-MM-DD). */
  dueBefore?: string | undefined;
  /** Created (else the incident started) at or after this UTC instant. */
  createdSince?: string | undefined;
  sort?: SortKey | undefined;
  limit?: number | undefined;
}

/** One action item as lists, reports and exports show it. */
export interface ActionRow {
  /** `<incident-id>#<n>`: what `action update` and `action done` take. */
  address: string;
  incident: string;
  n: number;
  incident_title: string;
  text: string;
  kind: ActionItem['kind'];
  owner: string | null;
  due: string | null;
  priority: ActionItem['priority'];
  status: ActionItem['status'];
  tracker: string | null;
  created_at: string | null;
  closed_at: string | null;
  overdue: boolean;
  /** Days past the due date (overdue items only). */
  days_overdue: number | null;
  /** Days from creation (else the incident's start) to today, or to closing for closed items. */
  age_days: number | null;
}

// Days from creation (else the incident's start) to today, or to closing for closed items.
const AGE = `CAST(julianday(CASE WHEN a.status IN ('done', 'wont-do') AND a.closed_at IS NOT NULL THEN substr(a.closed_at, 1, 10) ELSE @today END)
  - julianday(substr(coalesce(a.created_at, i.started_at, i.effective_started_utc), 1, 10)) AS INTEGER)`;

const ORDER: Record<SortKey, string> = {
  due: 'a.due IS NULL, a.due, a.incident_id, a.seq',
  owner: 'a.owner IS NULL, a.owner COLLATE NOCASE, a.due IS NULL, a.due, a.incident_id, a.seq',
  incident: 'a.incident_id, a.seq',
  priority: "CASE a.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, a.due IS NULL, a.due, a.incident_id, a.seq",
  age: `${AGE} IS NULL, ${AGE} DESC, a.incident_id, a.seq`,
};

/**
 * Items matching `filter`, with overdue and age computed against `today`
 * (YYYY-MM-DD in the workspace zone). With a limit, the items are picked
 * first from the indexes (status, due, incident) and only those are read.
 */
export function listActions(db: Db, filter: ActionFilter, today: string): ActionRow[] {
  return [...iterateActions(db, filter, today)];
}

/**
 * The rows of `listActions`, one at a time as SQLite steps through them, so a
 * caller printing every item (`action list --json`) never holds them all.
 */
export function* iterateActions(db: Db, filter: ActionFilter, today: string): Generator<ActionRow, void, undefined> {
  const { where, params } = whereClause(filter, today);
  const order = ORDER[filter.sort ?? 'due'];
  const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const columns = `a.incident_id AS incident, a.seq AS n, i.title AS incident_title, a.text, a.kind, a.owner, a.due, a.priority, a.status,
      a.tracker, a.created_at, a.closed_at, (a.status IN ('open', 'in-progress') AND a.due IS NOT NULL AND a.due < @today) AS overdue, ${AGE} AS age_days`;
  let sql: string;
  if (filter.limit) {
    params.limit = filter.limit;
    const needsIncident = filter.sort === 'age';
    sql = `WITH picked AS (
        SELECT a.incident_id, a.seq FROM action_items a ${needsIncident ? 'JOIN incidents i ON i.id = a.incident_id' : ''} ${condition}
        ORDER BY ${order} LIMIT @limit)
      SELECT ${columns} FROM picked p JOIN action_items a ON a.incident_id = p.incident_id AND a.seq = p.seq JOIN incidents i ON i.id = a.incident_id
      ORDER BY ${order}`;
  } else {
    // Every match: their keys come from the indexes, then the rows are read in key order (each page
    // of items and incidents once, instead of jumping about in due order) and sorted at the end.
    sql = `WITH picked AS MATERIALIZED (SELECT a.incident_id, a.seq FROM action_items a ${condition} ORDER BY a.incident_id, a.seq)
      SELECT ${columns} FROM picked p JOIN action_items a ON a.incident_id = p.incident_id AND a.seq = p.seq JOIN incidents i ON i.id = a.incident_id
      ORDER BY ${order}`;
  }
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  // The address first, as JSON shows it.
  for (const row of db.prepare(sql).iterate(params) as IterableIterator<Record<string, unknown>>) {
    const overdue = row.overdue === 1;
    const due = row.due as string | null;
    yield {
      address: formatAddress({ incident: row.incident as string, n: row.n as number }),
      ...(row as Omit<ActionRow, 'address' | 'overdue' | 'days_overdue'>),
      overdue,
      days_overdue: overdue && due ? Math.round((todayMs - Date.parse(`${due}T00:00:00Z`)) / 86_400_000) : null,
    };
  }
}

/** How many items match `filter` (ignoring its limit). */
export function countActions(db: Db, filter: ActionFilter, today: string): number {
  const { where, params } = whereClause(filter, today);
  const sql = `SELECT count(*) FROM action_items a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return db.prepare(sql).pluck().get(params) as number;
}

function whereClause(filter: ActionFilter, today: string): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { today };
  const statuses = filter.statuses ?? ACTIVE_STATUSES;
  if (statuses.length < ACTION_STATUSES.length) {
    where.push(`a.status IN (${statuses.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')})`);
  }
  if (filter.owner === null) where.push('a.owner IS NULL');
  else if (filter.owner !== undefined) {
    where.push('a.owner = @owner COLLATE NOCASE');
    params.owner = filter.owner;
  }
  if (filter.incident) {
    where.push('a.incident_id = @incident');
    params.incident = filter.incident;
  }
  if (filter.service) {
    where.push("EXISTS (SELECT 1 FROM incident_labels l WHERE l.incident_id = a.incident_id AND l.kind = 'service' AND l.value = @service)");
    params.service = filter.service;
  }
  if (filter.overdue) where.push("a.status IN ('open', 'in-progress') AND a.due IS NOT NULL AND a.due < @today");
  if (filter.dueBefore) {
    where.push('a.due IS NOT NULL AND a.due < @dueBefore');
    params.dueBefore = filter.dueBefore;
  }
  if (filter.createdSince) {
    where.push(
      '(CASE WHEN a.created_at IS NOT NULL THEN julianday(a.created_at) ELSE (SELECT julianday(i2.effective_started_utc) FROM incidents i2 WHERE i2.id = a.incident_id) END) >= julianday(@createdSince)',
    );
    params.createdSince = filter.createdSince;
  }
  return { where, params };
}
