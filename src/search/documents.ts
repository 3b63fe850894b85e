import type { Incident } from '../record/schema.js';

/** What a search result is: the incident itself, one of its lessons, or one of its action items. */
export type SearchDocType = 'incident' | 'lesson' | 'action';
export const SEARCH_DOC_TYPES: readonly SearchDocType[] = ['incident', 'lesson', 'action'];

/**
 * One row of the search index (`search_docs`, indexed by `search_fts`). The
 * columns are weighted for ranking (see migration 0060): title most, then
 * `lead` (the summary, or the lesson or action text), errors, commits, body.
 */
export interface SearchDocument {
  type: SearchDocType;
  /** The lesson's position (0-based) or the action's number; null for the incident. */
  ref: number | null;
  title: string;
  lead: string;
  /** Impact, trigger, factors, solution, conclusion, services and tags. */
  body: string;
  /** Messages of the error and warning groups, and the checks that failed. */
  errors: string;
  /** Commit subjects, bodies and the files they changed. */
  commits: string;
  /** Tokens `--service` matches (weight 0): one per service, see `serviceToken`. */
  facets: string;
}

/** Log levels whose messages are not indexed as errors. */
const QUIET_LEVELS = new Set(['info', 'debug', 'trace', 'notice', 'verbose']);

/** Parts joined by newlines, without leading or trailing newlines (as the migration's SQL does). */
function lines(parts: readonly (string | null | undefined)[]): string {
  return trimNewlines(parts.map((p) => p ?? '').join('\n'));
}

function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 10) start++;
  while (end > start && text.charCodeAt(end - 1) === 10) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** The numbers action items are stored under: their own id, else the next free number (as `saveIncident` gives them). */
export function actionNumbers(actions: Incident['actions']): number[] {
  let next = Math.max(0, ...actions.map((a) => a.id ?? 0)) + 1;
  return actions.map((a) => a.id ?? next++);
}

/** The filter tokens: `s<service name in hex>`, one token whatever the name, so `--service` is an FTS5 match. */
export function serviceToken(service: string): string {
  return `s${Buffer.from(service, 'utf8').toString('hex')}`;
}

/**
 * The documents an incident is searched by (pure). Migration 0060 builds the
 * same documents with SQL for incidents stored before it; test/search pins the two together.
 */
export function searchDocuments(incident: Incident): SearchDocument[] {
  const { evidence } = incident;
  const facets = incident.services.map(serviceToken).join(' ');
  const docs: SearchDocument[] = [
    {
      type: 'incident',
      ref: null,
      title: incident.title,
      lead: incident.summary ?? '',
      body: lines([
        incident.impact,
        incident.trigger,
        incident.factors.map((f) => f.text).join('\n'),
        incident.solution,
        incident.conclusion,
        [...incident.services, ...incident.tags].join('\n'),
      ]),
      errors: lines([
        evidence.logs
          .filter((e) => e.marker === null && !QUIET_LEVELS.has(e.level))
          .map((e) => e.message)
          .join('\n'),
        evidence.checks
          .filter((c) => !c.passed)
          .map((c) => `${c.method} ${c.url}${c.error !== null ? ` ${c.error}` : c.result !== null ? ` ${c.result}` : ''}`)
          .join('\n'),
      ]),
      commits: evidence.commits
        .map((c) => trimNewlines(`${c.subject}${c.body === null ? '' : `\n${c.body}`}\n${c.files.map((f) => f.path).join('\n')}`))
        .join('\n'),
      facets,
    },
  ];
  incident.lessons.forEach((lesson, position) => {
    docs.push({ type: 'lesson', ref: position, title: '', lead: lesson.text, body: '', errors: '', commits: '', facets });
  });
  const numbers = actionNumbers(incident.actions);
  incident.actions.forEach((action, i) => {
    docs.push({ type: 'action', ref: numbers[i] ?? null, title: '', lead: action.text, body: '', errors: '', commits: '', facets });
  });
  return docs;
}
