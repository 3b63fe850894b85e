import type { Context, GlobalOptions } from '../cli/context.js';
import { parseTimeOption } from '../cli/parseTime.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import { toUtc } from '../record/time.js';
import { SEARCH_DOC_TYPES, type SearchDocType } from '../search/documents.js';
import { DEFAULT_LIMIT, type SearchHit, searchIncidents } from '../search/search.js';

interface SearchCommandOptions {
  json?: boolean;
  service?: string;
  since?: string;
  type?: string;
  limit?: string;
}

/** Bold on a terminal; brackets in a pipe or a file. */
const BOLD = { open: '\u001b[1m', close: '\u001b[22m' };
const BRACKETS = { open: '[', close: ']' };

/** A whole number from 1 up, for --limit. */
export function parseLimit(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new UserError('bad-limit', `--limit must be a whole number from 1 up, not "${value}".`, {
      exitCode: EXIT.invalidInput,
      hint: 'For example: --limit 20.',
    });
  }
  return n;
}

/** `postmortem search QUERY` */
export function runSearch(ctx: Context, globals: GlobalOptions, query: string, options: SearchCommandOptions): void {
  const limit = parseLimit(options.limit, DEFAULT_LIMIT);
  const type = options.type;
  if (type !== undefined && !SEARCH_DOC_TYPES.includes(type as SearchDocType)) {
    throw new UserError('bad-type', `--type must be incident, lesson or action, not "${type}".`, { exitCode: EXIT.invalidInput });
  }
  const session = openSession(ctx, globals);
  const { db } = session;
  try {
    const since = options.since ? toUtc(parseTimeOption(options.since, '--since', session.workspace.config.timezone, ctx.now())) : undefined;
    const hits = searchIncidents(db, query, {
      service: options.service,
      since,
      type: type as SearchDocType | undefined,
      limit,
      highlight: options.json || !ctx.stdoutIsTTY ? BRACKETS : BOLD,
    });
    if (options.json) {
      ctx.stdout(`${JSON.stringify(hits, null, 2)}\n`);
      return;
    }
    if (hits.length === 0) {
      ctx.stdout(`Nothing matches ${JSON.stringify(query)}. Try fewer words, a prefix (migr*), or OR between alternatives.\n`);
      return;
    }
    ctx.stdout(hits.map(describeHit).join('\n'));
  } finally {
    db.close();
  }
}

function describeHit(hit: SearchHit): string {
  const what = hit.type === 'incident' ? 'incident' : hit.type === 'lesson' ? `lesson ${hit.ref}` : `action #${hit.ref}`;
  const date = hit.started ? `${hit.started.slice(0, 10)}  ` : '';
  return `${hit.incident_id}  ${what}\n  ${date}${hit.incident_title}\n  ${hit.snippet}\n`;
}
