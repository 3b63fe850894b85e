import type { Db } from '../db/open.js';
import { tableCell } from '../render/markdown.js';
import { type Period, periodIndex, periodsBetween } from '../stats/periods.js';
import { type ActionRow, listActions } from './listActions.js';

/**
 * `action report`: open items grouped by owner (overdue first, with their age)
 * and the completion rate per quarter. `collectActionReport` reads the data
 * with SQL; `renderActionReport` (pure) writes the Markdown.
 */

export interface OwnerGroup {
  /** null: items nobody owns. */
  owner: string | null;
  overdue: number;
  items: ActionRow[];
}

export interface QuarterCompletion {
  quarter: string;
  created: number;
  done: number;
  wont_do: number;
  open: number;
  /** Closed (done or won't do) of those created, in percent; null when none were created. */
  completion_percent: number | null;
}

export interface ActionReport {
  today: string;
  zone: string;
  since: string | null;
  open: number;
  overdue: number;
  unowned: number;
  owners: OwnerGroup[];
  quarters: QuarterCompletion[];
}

/** Reads what the report shows; `since` (a UTC instant) limits it to items created from then on. */
export function collectActionReport(db: Db, options: { today: string; zone: string; since?: string | undefined }): ActionReport {
  const open = listActions(db, { sort: 'due', createdSince: options.since }, options.today);
  const byOwner = new Map<string | null, OwnerGroup>();
  for (const item of open) {
    // Owners match case-insensitively, as `action list --owner` does; the first spelling met is shown.
    const key = item.owner === null ? null : item.owner.toLowerCase();
    const group = byOwner.get(key) ?? { owner: item.owner, overdue: 0, items: [] };
    group.items.push(item);
    if (item.overdue) group.overdue += 1;
    byOwner.set(key, group);
  }
  for (const group of byOwner.values()) group.items.sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const owners = [...byOwner.values()].sort(
    (a, b) =>
      Number(a.owner === null) - Number(b.owner === null) ||
      b.overdue - a.overdue ||
      b.items.length - a.items.length ||
      (a.owner ?? '').localeCompare(b.owner ?? ''),
  );
  return {
    today: options.today,
    zone: options.zone,
    since: options.since ?? null,
    open: open.length,
    overdue: open.filter((i) => i.overdue).length,
    unowned: byOwner.get(null)?.items.length ?? 0,
    owners,
    quarters: completionByQuarter(db, options.zone, options.since),
  };
}

/** Items created per quarter (their created_at, else the incident's start), and how many of them are closed now. */
function completionByQuarter(db: Db, zone: string, since: string | undefined): QuarterCompletion[] {
  const rows = db
    .prepare(
      `SELECT CAST((julianday(coalesce(a.created_at, i.started_at, i.effective_started_utc)) - 2440587.5) * 86400000 AS INTEGER) AS ms, a.status
       FROM action_items a JOIN incidents i ON i.id = a.incident_id
       WHERE coalesce(a.created_at, i.started_at, i.effective_started_utc) IS NOT NULL`,
    )
    .raw()
    .all() as Array<[number, string]>;
  const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
  const kept = rows.filter(([ms]) => ms >= sinceMs);
  if (kept.length === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [ms] of kept) {
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  const quarters: Period[] = periodsBetween(min, max, zone, 'quarter');
  const counts = quarters.map((q) => ({ quarter: q.label, created: 0, done: 0, wont_do: 0, open: 0, completion_percent: null as number | null }));
  for (const [ms, status] of kept) {
    const entry = counts[periodIndex(quarters, ms)];
    if (!entry) continue;
    entry.created += 1;
    if (status === 'done') entry.done += 1;
    else if (status === 'wont-do') entry.wont_do += 1;
    else entry.open += 1;
  }
  for (const entry of counts) {
    entry.completion_percent = entry.created === 0 ? null : Math.round(((entry.done + entry.wont_do) / entry.created) * 100);
  }
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as Markdown (GFM tables; every cell escaped). */
export function renderActionReport(report: ActionReport): string {
  const lines: string[] = ['# Action items', ''];
  lines.push(
    `Generated on ${report.today} (${report.zone})${report.since ? `, items created since ${report.since.slice(0, 10)}` : ''}: ` +
      `${plural(report.open, 'open item')}, ${report.overdue} overdue, ${report.unowned} without an owner.`,
    '',
  );
  lines.push('## Open items by owner', '');
  if (report.owners.length === 0) lines.push('No open action items.', '');
  for (const group of report.owners) {
    lines.push(`### ${group.owner === null ? 'No owner' : tableCell(group.owner)}`, '');
    lines.push(`${plural(group.items.length, 'open item')}, ${group.overdue} overdue.`, '');
    lines.push('| Item | Action | Priority | Due | Age | Status |', '| --- | --- | --- | --- | ---: | --- |');
    for (const item of group.items) {
      const due = item.due === null ? '—' : item.overdue ? `**${item.due}, ${plural(item.days_overdue ?? 0, 'day')} overdue**` : item.due;
      const age = item.age_days === null ? '—' : plural(item.age_days, 'day');
      lines.push(`| \`${item.address}\` | ${tableCell(item.text)} | ${item.priority} | ${due} | ${age} | ${item.status} |`);
    }
    lines.push('');
  }
  lines.push('## Completion by quarter', '');
  if (report.quarters.length === 0) lines.push('No action items yet.', '');
  else {
    lines.push("Items created in each quarter and how many of them are closed now (done or won't do).", '');
    lines.push("| Quarter | Created | Done | Won't do | Still open | Completion |", '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const q of report.quarters) {
      lines.push(
        `| ${q.quarter} | ${q.created} | ${q.done} | ${q.wont_do} | ${q.open} | ${q.completion_percent === null ? '—' : `${q.completion_percent}%`} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
