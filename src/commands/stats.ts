import { localDate, parseBound } from '../actions/dates.js';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import { collectStats } from '../stats/collectStats.js';
import { formatStats } from '../stats/formatStats.js';

/** `postmortem stats` */
export function runStats(ctx: Context, globals: GlobalOptions, options: { since?: string; until?: string; top?: string; json?: boolean }): void {
  if (options.top !== undefined && !/^[1-9]\d*$/.test(options.top.trim())) {
    throw new UserError('usage', `--top: "${options.top}" is not a whole number of at least 1.`, {
      exitCode: EXIT.usage,
      hint: 'Pass a number, like --top 5.',
    });
  }
  const { workspace, db } = openSession(ctx, globals);
  try {
    // Each aggregate walks its index once: SQLite's default 2 MiB page cache serves that with less
    // work than the large cache openDatabase sets for bulk imports (about half the CPU time at 100,000).
    db.pragma('cache_size = -2000');
    const zone = workspace.config.timezone;
    const since = options.since === undefined ? undefined : parseBound(options.since, '--since', zone, 'since');
    const until = options.until === undefined ? undefined : parseBound(options.until, '--until', zone, 'until');
    if (since && until && since >= until) {
      throw new UserError('bad-range', `--since ${options.since} is not before --until ${options.until}.`, {
        exitCode: EXIT.invalidInput,
        hint: 'Give a --since earlier than --until (a date in --until includes that whole day).',
      });
    }
    const stats = collectStats(db, { since, until, zone, today: localDate(ctx.now().getTime(), zone), top: options.top ? Number(options.top) : undefined });
    ctx.stdout(options.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
  } finally {
    db.close();
  }
}
