import type { Database } from 'better-sqlite3';
import { notFound } from '../errors.js';

/**
 * "Seen before": incidents like a given one, found through what they share:
 * log fingerprints, failing endpoints, files the fix changed, services, and
 * words of the incident's title and errors (through the search index). Each signal adds
 * to a score and says why, so a reader can judge the match.
 */

export interface SimilarIncident {
  id: string;
  title: string;
  score: number;
  /** Why it matched, strongest first: "same error: ...", "fix touched the same file: ...", "same service: api". */
  reasons: string[];
  started: string | null;
}

/** An earlier incident whose logs had some of the same errors, with what it taught and what is still open. */
export interface SeenBefore {
  id: string;
  title: string;
  started: string | null;
  /** The fingerprints it shares. */
  fingerprints: string[];
  lessons: string[];
  open_actions: { number: number; text: string; owner: string | null; due: string | null; status: string }[];
}

/** How much each shared thing counts, and how many of a kind count at most. */
const WEIGHTS = {
  error: { each: 5, max: 3 },
  endpoint: { each: 3, max: 2 },
  file: { each: 4, max: 2 },
  service: { each: 1, max: 2 },
  /** The best text match gets this much; the others less, by rank. */
  text: { each: 3, max: 1 },
} as const;
type Signal = keyof typeof WEIGHTS;

/** Words an incident is searched by for "close text". */
const TEXT_TERMS = 6;
/** Text candidates considered. */
const TEXT_CANDIDATES = 30;
/** Incidents considered per shared file or service: the newest. */
const PER_VALUE = 300;
/** Matches of the words ranked at most (the newest), as in search. */
const TEXT_WINDOW = 500;
/** Words too common to say anything. */
const STOP_WORDS = new Set(
  'the and for with was were not but from that this after before when into than then had has have are its our out all any can did does off via'.split(' '),
);

const short = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

class Scores {
  private readonly byId = new Map<string, { score: number; counts: Partial<Record<Signal, number>>; reasons: [number, string][] }>();

  add(id: string, signal: Signal, reason: string, weight: number = WEIGHTS[signal].each): void {
    let entry = this.byId.get(id);
    if (!entry) {
      entry = { score: 0, counts: {}, reasons: [] };
      this.byId.set(id, entry);
    }
    const count = entry.counts[signal] ?? 0;
    if (count >= WEIGHTS[signal].max) return;
    entry.counts[signal] = count + 1;
    entry.score += weight;
    entry.reasons.push([weight, reason]);
  }

  ranked(): { id: string; score: number; reasons: string[] }[] {
    return (
      [...this.byId]
        .map(([id, e]) => ({ id, score: Math.round(e.score * 100) / 100, reasons: e.reasons.sort((a, b) => b[0] - a[0]).map(([, r]) => r) }))
        // Ties: the later id first (ids start with the date).
        .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
    );
  }
}

/**
 * Incidents most like `id`, best first. Throws the not-found UserError when
 * there is no such incident.
 */
export function findSimilarIncidents(db: Database, id: string, options: { limit?: number } = {}): SimilarIncident[] {
  return similarIncidentsFinder(db, { titles: 'per-call' })(id, options);
}

/** Finds the incidents most like one incident (`findSimilarIncidents`), reusing its statements. */
export type SimilarIncidentsFinder = (id: string, options?: { limit?: number }) => SimilarIncident[];

/**
 * `findSimilarIncidents` for many incidents in one pass (the site build): its
 * statements are prepared once, and with `titles: 'preloaded'` every incident's
 * title and start are read once up front instead of one lookup per match (a
 * fifth of the time per incident with 10,000 stored). The same results as
 * `findSimilarIncidents` while the database does not change.
 */
export function similarIncidentsFinder(db: Database, options: { titles: 'per-call' | 'preloaded' }): SimilarIncidentsFinder {
  const aboutStatement = db.prepare('SELECT title, coalesce(started_at, effective_started_utc) AS started FROM incidents WHERE id = ?');
  const preloaded =
    options.titles === 'preloaded'
      ? new Map(
          (db.prepare('SELECT id, title, coalesce(started_at, effective_started_utc) AS started FROM incidents').all() as About[]).map((row) => [row.id, row]),
        )
      : null;
  const about = (id: string): Omit<About, 'id'> | undefined => (preloaded ? preloaded.get(id) : (aboutStatement.get(id) as About | undefined));
  const shared = db.prepare(
    `SELECT DISTINCT o.incident_id AS id, o.fingerprint AS value FROM log_events e
       JOIN log_events o ON o.fingerprint = e.fingerprint AND o.incident_id != e.incident_id
       WHERE e.incident_id = ? AND e.fingerprint IS NOT NULL`,
  );
  const endpoints = db.prepare(
    `SELECT DISTINCT o.incident_id AS id, o.method || ' ' || o.url AS value FROM endpoint_checks e
       JOIN endpoint_checks o ON o.url = e.url AND o.method = e.method AND o.passed = 0 AND o.incident_id != e.incident_id
       WHERE e.incident_id = ? AND e.passed = 0`,
  );
  // Per file the fix changed, and per service: the newest PER_VALUE other incidents (ids start with the date),
  // read backwards from an index, so a file or service shared by thousands costs no more than a rare one.
  const fixFiles = db
    .prepare(
      `SELECT DISTINCT f.path FROM commit_files f JOIN commits c ON c.incident_id = f.incident_id AND c.position = f.commit_position AND c.is_fix = 1
       WHERE f.incident_id = ?`,
    )
    .pluck();
  const sameFile = db
    .prepare(
      `SELECT DISTINCT o.incident_id FROM commit_files o
       JOIN commits oc ON oc.incident_id = o.incident_id AND oc.position = o.commit_position AND oc.is_fix = 1
       WHERE o.path = ? AND o.incident_id != ? ORDER BY o.incident_id DESC LIMIT ${PER_VALUE}`,
    )
    .pluck();
  const ownServices = db.prepare("SELECT value FROM incident_labels WHERE incident_id = ? AND kind = 'service' ORDER BY position").pluck();
  const sameService = db
    .prepare(`SELECT incident_id FROM incident_labels WHERE kind = 'service' AND value = ? AND incident_id != ? ORDER BY incident_id DESC LIMIT ${PER_VALUE}`)
    .pluck();
  const text = closeTextFinder(db);

  return (id, { limit = 10 } = {}) => {
    if (!about(id)) throw notFound(`Incident "${id}"`, 'Run `postmortem list` to see the ids of stored incidents.');
    const scores = new Scores();
    for (const row of shared.all(id) as { id: string; value: string }[]) scores.add(row.id, 'error', `same error: ${short(row.value)}`);
    for (const row of endpoints.all(id) as { id: string; value: string }[]) scores.add(row.id, 'endpoint', `same failing endpoint: ${short(row.value)}`);
    for (const file of fixFiles.all(id) as string[]) {
      for (const other of sameFile.all(file, id) as string[]) scores.add(other, 'file', `fix touched the same file: ${short(file)}`);
    }
    for (const service of ownServices.all(id) as string[]) {
      for (const other of sameService.all(service, id) as string[]) scores.add(other, 'service', `same service: ${service}`);
    }
    for (const [position, row] of text(id).entries()) {
      scores.add(row.id, 'text', `similar text: ${row.terms.join(', ')}`, Math.round((WEIGHTS.text.each / (1 + position / 5)) * 100) / 100);
    }
    return scores
      .ranked()
      .slice(0, limit)
      .map((s) => {
        const row = about(s.id) as Omit<About, 'id'>;
        return { id: s.id, title: row.title, score: s.score, reasons: s.reasons, started: row.started };
      });
  };
}

interface About {
  id: string;
  title: string;
  started: string | null;
}

/** Lower-case tokens as the index's tokenizer (unicode61, no diacritics) makes them. */
export function indexTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Incidents whose title, summary or errors share words of this incident's
 * title and errors, best first by bm25, each with the words it shares.
 */
function closeTextFinder(db: Database): (id: string) => { id: string; terms: string[] }[] {
  const docOf = db.prepare(
    "SELECT title, lead, errors FROM search_fts WHERE rowid = (SELECT first_doc FROM search_incidents WHERE incident_id = ?) AND type = 'incident'",
  );
  // As in search: rank only the newest TEXT_WINDOW matches (the floor is a literal for the planner's sake).
  const floorOf = db.prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ${TEXT_WINDOW - 1}`).pluck();
  const unbounded = db.prepare(
    `SELECT incident_id, title, lead, errors FROM search_fts WHERE search_fts MATCH ? AND type = 'incident' AND incident_id != ? ORDER BY rank LIMIT ${TEXT_CANDIDATES}`,
  );
  return (id) => {
    const doc = docOf.get(id) as { title: string; lead: string; errors: string } | undefined;
    if (!doc) return [];
    // Title words first, then words of the errors, then of the summary; bm25's IDF weighs the rare ones up.
    // (Counting documents per word in fts5vocab reads each word's whole doclist: measured slower than the query.)
    const seen = new Set<string>();
    for (const text of [doc.title, doc.errors, doc.lead]) {
      for (const word of indexTokens(text)) {
        if (seen.size < TEXT_TERMS && word.length >= 3 && !/^\d+$/.test(word) && !STOP_WORDS.has(word)) seen.add(word);
      }
    }
    const words = [...seen];
    if (words.length === 0) return [];
    const match = `{title lead errors} : (${words.map((w) => `"${w}"`).join(' OR ')})`;
    const floor = floorOf.get(match);
    const rows = (
      typeof floor === 'number' && Number.isSafeInteger(floor)
        ? db
            .prepare(
              `SELECT incident_id, title, lead, errors FROM search_fts WHERE search_fts MATCH ? AND rowid >= ${floor} AND type = 'incident' AND incident_id != ? ORDER BY rank LIMIT ${TEXT_CANDIDATES}`,
            )
            .all(match, id)
        : unbounded.all(match, id)
    ) as { incident_id: string; title: string; lead: string; errors: string }[];
    return rows.map((row) => {
      const theirs = new Set(indexTokens(`${row.title}\n${row.lead}\n${row.errors}`));
      return { id: row.incident_id, terms: words.filter((w) => theirs.has(w)) };
    });
  };
}

/**
 * Incidents other than `excludeId` whose logs had any of these fingerprints,
 * most shared first, then most recent; with their lessons and their action
 * items still open or in progress.
 */
export function findIncidentsSeenBefore(db: Database, fingerprints: string[], excludeId: string): SeenBefore[] {
  const wanted = [...new Set(fingerprints.filter(Boolean))];
  if (wanted.length === 0) return [];
  const byFingerprint = db.prepare('SELECT DISTINCT incident_id FROM log_events WHERE fingerprint = ? AND incident_id != ?').pluck();
  const shared = new Map<string, string[]>();
  for (const fingerprint of wanted) {
    for (const incidentId of byFingerprint.all(fingerprint, excludeId) as string[]) {
      const list = shared.get(incidentId) ?? [];
      list.push(fingerprint);
      shared.set(incidentId, list);
    }
  }
  const about = db.prepare('SELECT title, coalesce(started_at, effective_started_utc) AS started, effective_started_utc AS utc FROM incidents WHERE id = ?');
  const lessons = db.prepare('SELECT text FROM lessons WHERE incident_id = ? ORDER BY position').pluck();
  const actions = db.prepare(
    "SELECT seq AS number, text, owner, due, status FROM action_items WHERE incident_id = ? AND status IN ('open', 'in-progress') ORDER BY position",
  );
  return [...shared]
    .map(([incidentId, list]) => {
      const row = about.get(incidentId) as { title: string; started: string | null; utc: string | null };
      return { incidentId, list, row };
    })
    .sort((a, b) => b.list.length - a.list.length || (b.row.utc ?? '').localeCompare(a.row.utc ?? '') || a.incidentId.localeCompare(b.incidentId))
    .map(({ incidentId, list, row }) => ({
      id: incidentId,
      title: row.title,
      started: row.started,
      fingerprints: list,
      lessons: lessons.all(incidentId) as string[],
      open_actions: actions.all(incidentId) as SeenBefore['open_actions'],
    }));
}
