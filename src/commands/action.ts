import fs from 'node:fs';
import path from 'node:path';
import { collectActionReport, renderActionReport } from '../actions/actionReport.js';
import { type ActionAddress, parseAddress } from '../actions/address.js';
import { checkActions } from '../actions/checkActions.js';
import { toCsv } from '../actions/csv.js';
import { localDate, parseBound, parseDateOption } from '../actions/dates.js';
import { type ActionFilter, type ActionRow, countActions, iterateActions, listActions, SORT_KEYS, type SortKey } from '../actions/listActions.js';
import { type ActionChange, type ActionUpdate, updateAction } from '../actions/updateAction.js';
import type { Context, GlobalOptions } from '../cli/context.js';
import { formatColumns, indentBlock } from '../cli/table.js';
import { openSession } from '../cli/workspaceDb.js';
import type { Db } from '../db/open.js';
import { EXIT, UserError } from '../errors.js';
import { ACTION_STATUSES, type ActionItem } from '../record/schema.js';
import type { Workspace } from '../workspace.js';

/** Options the list-like subcommands (list, export) share. */
interface FilterOptions {
  status?: string;
  owner?: string;
  incident?: string;
  service?: string;
  overdue?: boolean;
  dueBefore?: string;
  sort?: string;
  limit?: string;
}

function usage(message: string, hint: string): UserError {
  return new UserError('usage', message, { exitCode: EXIT.usage, hint });
}

/** A whole number ≥ min from an option; a usage error otherwise. */
function wholeNumber(value: string, label: string, min: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
    throw usage(`${label}: "${value}" is not a whole number${min > 0 ? ` of at least ${min}` : ''}.`, `Pass a number, like ${label} ${Math.max(min, 5)}.`);
  }
  return Number(value);
}

function parseFilter(options: FilterOptions, defaultStatuses: 'active' | 'all'): ActionFilter {
  let statuses: ActionItem['status'][] | undefined = defaultStatuses === 'all' ? [...ACTION_STATUSES] : undefined;
  if (options.status !== undefined) {
    const given = options.status
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (given.includes('all')) statuses = [...ACTION_STATUSES];
    else {
      const bad = given.filter((s) => !(ACTION_STATUSES as readonly string[]).includes(s));
      if (bad.length > 0 || given.length === 0) {
        throw usage(`--status: "${options.status}" is not a status.`, `Use ${ACTION_STATUSES.join(', ')} or all (several separated by commas).`);
      }
      statuses = given as ActionItem['status'][];
    }
  }
  if (options.sort !== undefined && !(SORT_KEYS as readonly string[]).includes(options.sort)) {
    throw usage(`--sort: "${options.sort}" is not a sort order.`, `Use one of ${SORT_KEYS.join(', ')}.`);
  }
  return {
    statuses,
    owner: options.owner === undefined ? undefined : options.owner.trim().toLowerCase() === 'none' ? null : options.owner.trim(),
    incident: options.incident,
    service: options.service,
    overdue: options.overdue,
    dueBefore: options.dueBefore === undefined ? undefined : parseDateOption(options.dueBefore, '--due-before'),
    sort: options.sort as SortKey | undefined,
    limit: options.limit === undefined ? undefined : wholeNumber(options.limit, '--limit', 0) || undefined,
  };
}

/** Today in the workspace zone, from the injected clock. */
function todayIn(ctx: Pick<Context, 'now'>, workspace: Workspace): string {
  return localDate(ctx.now().getTime(), workspace.config.timezone);
}

function withSession<T>(ctx: Context, globals: GlobalOptions, fn: (db: Db, workspace: Workspace) => T): T {
  const { workspace, db } = openSession(ctx, globals);
  try {
    return fn(db, workspace);
  } finally {
    db.close();
  }
}

function dueCell(item: ActionRow): string {
  if (!item.due) return '-';
  return item.overdue ? `${item.due} (${item.days_overdue} d overdue)` : item.due;
}

function oneLine(text: string, max = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function itemTable(items: readonly ActionRow[]): string {
  return formatColumns(
    ['ITEM', 'STATUS', 'PRIORITY', 'OWNER', 'DUE', 'AGE', 'ACTION'],
    items.map((i) => [i.address, i.status, i.priority, i.owner ?? '-', dueCell(i), i.age_days === null ? '-' : `${i.age_days} d`, oneLine(i.text)]),
  );
}

const DEFAULT_LIMIT = 100;
/** Page cache for read-only listings, in KiB as `PRAGMA cache_size` takes it (negative). */
const READ_CACHE_KIB = -16384;

/**
 * Writes `rows` as `JSON.stringify(rows, null, 2)` would, a few hundred rows
 * at a time, so printing every item never builds one string of all of them.
 */
function writeJsonArray(ctx: Pick<Context, 'stdout'>, rows: Iterable<unknown>): void {
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    chunk += `${count === 0 ? '[\n  ' : ',\n  '}${JSON.stringify(row, null, 2).replace(/\n/g, '\n  ')}`;
    count += 1;
    if (chunk.length > 65_536) {
      ctx.stdout(chunk);
      chunk = '';
    }
  }
  ctx.stdout(count === 0 ? '[]\n' : `${chunk}\n]\n`);
}

/** `postmortem action list` */
export function runActionList(ctx: Context, globals: GlobalOptions, options: FilterOptions & { json?: boolean }): void {
  const filter = parseFilter(options, 'active');
  // A terminal gets the first 100 (like `gh issue list`); --limit 0 shows all, --json gives all unless limited.
  if (options.limit === undefined && !options.json) filter.limit = DEFAULT_LIMIT;
  withSession(ctx, globals, (db, workspace) => {
    // A read of scattered rows: SQLite's default-sized page cache is cheaper to fill than the large one
    // openDatabase sets for bulk imports (fresh pages of a big cache cost more than re-reading a few).
    db.pragma(`cache_size = ${READ_CACHE_KIB}`);
    const today = todayIn(ctx, workspace);
    if (options.json) {
      writeJsonArray(ctx, iterateActions(db, filter, today));
      return;
    }
    const items = listActions(db, filter, today);
    if (items.length === 0) {
      ctx.stdout(
        `No action items match${filter.overdue ? ` (none overdue on ${today})` : ''}. ` +
          '`postmortem action list --status all` shows closed ones too; `postmortem action add ID "TEXT"` adds one.\n',
      );
      return;
    }
    let out = itemTable(items);
    if (filter.limit && items.length === filter.limit) {
      const total = countActions(db, { ...filter, limit: undefined }, today);
      if (total > items.length) out += `(${items.length} of ${total}; --limit N shows more, --limit 0 all)\n`;
    }
    ctx.stdout(out);
  });
}

interface UpdateOptions {
  status?: ActionItem['status'];
  owner?: string;
  due?: string;
  priority?: ActionItem['priority'];
  tracker?: string;
  text?: string;
  incident?: string;
  json?: boolean;
}

function describeUpdate(update: ActionUpdate): string {
  const fields = ['status', 'owner', 'due', 'priority', 'tracker', 'text'] as const;
  const changes = fields
    .filter((f) => update.before[f] !== update.after[f])
    .map((f) => (f === 'text' ? 'text changed' : `${f} ${update.before[f] ?? '(none)'} → ${update.after[f] ?? '(none)'}`));
  return `${update.address}: ${changes.length ? changes.join(', ') : 'no change'}\n`;
}

/** `postmortem action update ID` */
export function runActionUpdate(ctx: Context, globals: GlobalOptions, id: string, options: UpdateOptions): void {
  const blank = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value.trim());
  const change: ActionChange = {
    status: options.status,
    owner: blank(options.owner),
    due: options.due === undefined ? undefined : options.due.trim() === '' ? null : parseDateOption(options.due, '--due'),
    priority: options.priority,
    tracker: blank(options.tracker),
    text: options.text === undefined ? undefined : (blank(options.text) ?? undefined),
  };
  if (Object.values(change).every((v) => v === undefined)) {
    throw usage('Nothing to change.', 'Pass one or more of --status, --owner, --due, --priority, --tracker, --text ("" clears owner, due and tracker).');
  }
  const address = parseAddress(id, options.incident);
  const update = withSession(ctx, globals, (db) => updateAction(db, address, change, ctx.now()));
  ctx.stdout(options.json ? `${JSON.stringify({ address: update.address, incident: address.incident, ...update.after }, null, 2)}\n` : describeUpdate(update));
}

/** `postmortem action done ID...`: all or nothing, in one transaction. */
export function runActionDone(ctx: Context, globals: GlobalOptions, ids: string[], options: { incident?: string; json?: boolean }): void {
  const addresses: ActionAddress[] = ids.map((id) => parseAddress(id, options.incident));
  const updates = withSession(ctx, globals, (db) =>
    db.transaction(() => addresses.map((address) => updateAction(db, address, { status: 'done' }, ctx.now()))).immediate(),
  );
  if (options.json) {
    ctx.stdout(
      `${JSON.stringify(
        updates.map((u) => ({ address: u.address, ...u.after })),
        null,
        2,
      )}\n`,
    );
    return;
  }
  ctx.stdout(updates.map((u) => `${u.address}: done${u.before.status === 'done' ? ' (it already was)' : ` (was ${u.before.status})`}\n`).join(''));
}

function writeOut(ctx: Context, file: string, text: string): string {
  const target = path.resolve(ctx.cwd, file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (error) {
    throw new UserError('write-failed', `Cannot write ${file}: ${error instanceof Error ? error.message : String(error)}.`, {
      hint: 'Check the path and its permissions; the database was not changed.',
    });
  }
  return path.relative(ctx.cwd, target) || target;
}

/** `postmortem action report` */
export function runActionReport(ctx: Context, globals: GlobalOptions, options: { out?: string; since?: string; json?: boolean }): void {
  withSession(ctx, globals, (db, workspace) => {
    const zone = workspace.config.timezone;
    const since = options.since === undefined ? undefined : parseBound(options.since, '--since', zone, 'since');
    const report = collectActionReport(db, { today: todayIn(ctx, workspace), zone, since });
    if (options.json) {
      ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const markdown = renderActionReport(report);
    if (!options.out || options.out === '-') {
      ctx.stdout(markdown);
      return;
    }
    const written = writeOut(ctx, options.out, markdown);
    ctx.stdout(`Wrote ${written}: ${report.open} open items, ${report.overdue} overdue, ${report.unowned} without an owner\n`);
  });
}

const CSV_COLUMNS = [
  'id',
  'incident',
  'number',
  'incident_title',
  'text',
  'kind',
  'owner',
  'due',
  'priority',
  'status',
  'tracker',
  'created_at',
  'closed_at',
  'overdue',
  'age_days',
] as const;

/** `postmortem action export --format csv|json` */
export function runActionExport(ctx: Context, globals: GlobalOptions, options: FilterOptions & { format: string; out?: string }): void {
  if (options.format !== 'csv' && options.format !== 'json')
    throw usage(`--format: "${options.format}" is not csv or json.`, 'Pass --format csv or --format json.');
  const filter = parseFilter(options, 'all');
  const items = withSession(ctx, globals, (db, workspace) => listActions(db, { sort: 'incident', ...filter }, todayIn(ctx, workspace)));
  const text =
    options.format === 'json'
      ? `${JSON.stringify(items, null, 2)}\n`
      : toCsv(
          CSV_COLUMNS,
          items.map((i) => [
            i.address,
            i.incident,
            i.n,
            i.incident_title,
            i.text,
            i.kind,
            i.owner,
            i.due,
            i.priority,
            i.status,
            i.tracker,
            i.created_at,
            i.closed_at,
            i.overdue,
            i.age_days,
          ]),
        );
  if (!options.out || options.out === '-') {
    ctx.stdout(text);
    return;
  }
  const written = writeOut(ctx, options.out, text);
  ctx.stdout(`Wrote ${items.length} action item${items.length === 1 ? '' : 's'} to ${written}\n`);
}

/** `postmortem action check`: exit 1 with a readable list when items are overdue or unowned. */
export function runActionCheck(ctx: Context, globals: GlobalOptions, options: { maxOverdue?: string; allowUnowned?: boolean; json?: boolean }): void {
  const maxOverdueFlag = options.maxOverdue === undefined ? undefined : wholeNumber(options.maxOverdue, '--max-overdue', 0);
  const result = withSession(ctx, globals, (db, workspace) => {
    const config = workspace.config.actions;
    const limits = {
      maxOverdue: maxOverdueFlag ?? config?.max_overdue ?? 0,
      requireOwner: options.allowUnowned ? false : (config?.require_owner ?? true),
    };
    return checkActions(db, limits, todayIn(ctx, workspace));
  });
  if (options.json) ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const rules = `at most ${result.limits.maxOverdue} overdue${result.limits.requireOwner ? ', every open item owned' : ''}`;
    const lines: string[] = [];
    if (result.overdue.length > 0) lines.push(`Overdue on ${result.today} (${result.overdue.length}):`, indentBlock(itemTable(result.overdue)));
    if (result.unowned.length > 0) lines.push(`Without an owner (${result.unowned.length}):`, indentBlock(itemTable(result.unowned)));
    lines.push(
      result.passed
        ? `action check passed (${rules}): ${result.overdue.length} overdue, ${result.unowned.length} without an owner.`
        : `action check failed (${rules}).`,
    );
    ctx.stdout(`${lines.join('\n')}\n`);
  }
  if (!result.passed) {
    throw new UserError('action-check-failed', `${result.failures.join('; ')}.`, {
      exitCode: EXIT.failure,
      hint:
        'Close items with `postmortem action done ID`, move a due date or set an owner with `postmortem action update ID --due DATE --owner NAME`; ' +
        'or change the limits (--max-overdue N, --allow-unowned, or `actions: { max_overdue, require_owner }` in postmortem.config.yaml).',
    });
  }
}
