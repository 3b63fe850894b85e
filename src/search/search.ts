import type { Database } from 'better-sqlite3';
import { EXIT, UserError } from '../errors.js';
import { type SearchDocType, serviceToken } from './documents.js';
import { translateQuery } from './query.js';

export interface SearchOptions {
  /** Only incidents affecting this service. */
  service?: string | undefined;
  /** Only incidents that started at or after this time (ISO 8601). */
  since?: string | undefined;
  /** Only incidents, lessons or action items. */
  type?: SearchDocType | undefined;
  /** At most this many results (default 20). */
  limit?: number | undefined;
  /** Put around each match in the snippet (default `[` and `]`). */
  highlight?: { open: string; close: string } | undefined;
}

/** One result: an incident, or one of its lessons or action items. */
export interface SearchHit {
  type: SearchDocType;
  incident_id: string;
  incident_title: string;
  /** The lesson's number (1-based) or the action item's number; null for an incident. */
  ref: number | null;
  /** The lesson or action text; null for an incident. */
  text: string | null;
  /** Where it matched, on one line, with the matches highlighted. */
  snippet: string;
  /** bm25 relevance: higher is better. */
  score: number;
  started: string | null;
  services: string[];
}

export const DEFAULT_LIMIT = 20;
/** The most matches a query ranks (the newest ones); below this, ranking is exact. */
export const RANK_WINDOW = 3000;
/** Columns a snippet may come from, in order of preference: lead, errors, commits, body, title (shown anyway). */
const SNIPPET_COLUMNS = [1, 3, 4, 2, 0] as const;
/** Tokens around a match in a snippet. */
const SNIPPET_TOKENS = 14;

interface RankedRow {
  rowid: number;
  incident_id: string;
  type: SearchDocType;
  ref: number | null;
  rank: number;
  lead: string;
  snippet: string;
}

/**
 * Searches the index (migration 0060) and returns the best matches, best
 * first. bm25 ranks them with title hits weighing most. Only the rows that
 * can reach the top are ranked and only those get snippets (see docs/search.md).
 */
export function searchIncidents(db: Database, query: string, options: SearchOptions = {}): SearchHit[] {
  const match = translateQuery(query);
  const limit = options.limit ?? DEFAULT_LIMIT;
  const { open, close } = options.highlight ?? { open: '[', close: ']' };
  const ranked = guard(query, () => rankedRows(db, match, options, limit, open, close));
  const incident = db.prepare(
    `SELECT i.title, coalesce(i.started_at, i.effective_started_utc) AS started,
      (SELECT group_concat(value, char(31) ORDER BY position) FROM incident_labels l WHERE l.incident_id = i.id AND l.kind = 'service') AS services
     FROM incidents i WHERE i.id = ?`,
  );
  return ranked.map((row) => {
    const about = incident.get(row.incident_id) as { title: string; started: string | null; services: string | null };
    return {
      type: row.type,
      incident_id: row.incident_id,
      incident_title: about.title,
      ref: row.ref === null ? null : row.type === 'lesson' ? row.ref + 1 : row.ref,
      text: row.type === 'incident' ? null : row.lead,
      snippet: oneLine(row.snippet),
      score: Math.round(-row.rank * 1000) / 1000,
      started: about.started,
      services: about.services ? about.services.split('\u001f') : [],
    };
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The best `limit` rows for the FTS5 expression, with the filters applied before ranking. */
function rankedRows(db: Database, match: string, options: SearchOptions, limit: number, open: string, close: string): RankedRow[] {
  // The query looks at the text columns only. --service is a token of the facets column, so FTS5
  // intersects it with the matches; --type and --since are checked by SQLite on the rows FTS5 returns
  // in rank order (a facet token in every document would make bm25 scan its huge doclist for IDF).
  const params: Record<string, unknown> = { limit };
  const exact: string[] = [];
  if (options.type) {
    exact.push('f.type = @type');
    params.type = options.type;
  }
  if (options.since) {
    exact.push('EXISTS (SELECT 1 FROM incidents i WHERE i.id = f.incident_id AND i.effective_started_utc >= @since)');
    params.since = options.since;
  }
  params.match = `{title lead body errors commits} : (${match})${options.service ? ` AND {facets} : "${serviceToken(options.service)}"` : ''}`;
  const where = ['search_fts MATCH @match'];
  // Ranking costs about 30 times what finding a match does, so a broad query (`error` matches most
  // of the index) ranks only its RANK_WINDOW newest matches: the rows from the window's oldest on.
  const floor = db
    .prepare(`SELECT f.rowid FROM search_fts f WHERE ${where.join(' AND ')} ORDER BY f.rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}`)
    .pluck()
    .get({ match: params.match });
  // A literal, not a parameter: with a bound parameter the planner ranks every match (measured 40 times slower).
  if (typeof floor === 'number' && Number.isSafeInteger(floor)) where.push(`f.rowid >= ${floor}`);
  // FTS5 sorts the matches by rank itself; SQLite then checks \`exact\` and cuts snippets for the rows it returns only.
  // A snippet per text column (never the facets): the first with a match, in SNIPPET_COLUMNS order.
  const snippets = SNIPPET_COLUMNS.map((column, i) => `snippet(search_fts, ${column}, @open, @close, '…', ${SNIPPET_TOKENS}) AS s${i}`).join(', ');
  const sql = `SELECT f.rowid, f.incident_id, f.type, f.ref, f.rank, f.lead, f.title, ${snippets}
    FROM search_fts f WHERE ${[...where, ...exact].join(' AND ')} ORDER BY f.rank LIMIT @limit`;
  const rows = db.prepare(sql).all({ ...params, open, close }) as (Omit<RankedRow, 'snippet'> & { title: string } & Record<string, string>)[];
  return rows.map((row) => {
    const cuts = SNIPPET_COLUMNS.map((_, i) => row[`s${i}`] ?? '');
    const snippet = cuts.find((cut) => cut.includes(open)) ?? (row.lead || row.title);
    return { rowid: row.rowid, incident_id: row.incident_id, type: row.type, ref: row.ref, rank: row.rank, lead: row.lead, snippet };
  });
}

/** Turns an FTS5 complaint about the query into a UserError; other errors pass through. */
function guard<T>(query: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Error && /fts5|syntax error|unterminated string/i.test(error.message)) {
      throw new UserError('bad-query', `The search index cannot read the query ${JSON.stringify(query)}.`, {
        exitCode: EXIT.invalidInput,
        cause: error,
        hint: 'Search for words, "a phrase" or a prefix*, joined by AND, OR or NOT; quote anything else, as in "0021_add_budgets".',
      });
    }
    throw error;
  }
}
