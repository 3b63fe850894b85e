import type { Db } from '../db/open.js';
import { type ActionRow, listActions } from './listActions.js';

/** Limits for `action check` (flags, else the workspace config's `actions:` key). */
export interface CheckLimits {
  /** Most overdue items allowed before the check fails. */
  maxOverdue: number;
  /** Fail when an open item has no owner. */
  requireOwner: boolean;
}

export interface CheckResult {
  passed: boolean;
  today: string;
  limits: CheckLimits;
  overdue: ActionRow[];
  unowned: ActionRow[];
  /** One line per reason the check failed. */
  failures: string[];
}

/** Looks at open and in-progress items: too many overdue, or any without an owner when owners are required. */
export function checkActions(db: Db, limits: CheckLimits, today: string): CheckResult {
  const overdue = listActions(db, { overdue: true, sort: 'due' }, today);
  const unowned = limits.requireOwner ? listActions(db, { owner: null, sort: 'due' }, today) : [];
  const failures: string[] = [];
  if (overdue.length > limits.maxOverdue) {
    failures.push(`${overdue.length} overdue item${overdue.length === 1 ? '' : 's'} (at most ${limits.maxOverdue} allowed)`);
  }
  if (unowned.length > 0) failures.push(`${unowned.length} open item${unowned.length === 1 ? '' : 's'} without an owner`);
  return { passed: failures.length === 0, today, limits, overdue, unowned, failures };
}
