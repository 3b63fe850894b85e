import type { Database } from 'better-sqlite3';

/**
 * The full-text search index (FTS5): one row per searchable document, the
 * incident itself, one of its lessons or one of its action items, each with
 * its incident id, type and ref (the lesson's position, the action's number).
 *
 * An incident's documents take consecutive rowids, recorded in
 * `search_incidents`; that row cascades from `incidents` and its trigger
 * deletes the documents, so every path that replaces or deletes an incident
 * clears its documents in the same transaction, and `saveIncident` writes the
 * new ones. (The FTS table keeps its own copy of the text, for snippets:
 * measured, that costs a third of what an external-content table fed by
 * triggers did on a 10,000-record import.)
 *
 * Tokens: unicode61 without diacritics, so `psycopg2.errors.DuplicateTable` is
 * the tokens psycopg2, errors, duplicatetable; the query translator
 * (src/search/query.ts) turns such a word into the phrase of those tokens.
 *
 * Incidents stored before this migration are indexed here, with SQL over their
 * rows: a frozen copy of what `src/search/documents.ts` builds on save.
 */
export default function createSearchIndex(db: Database): void {
  db.exec(`
    CREATE TABLE search_incidents (
      first_doc INTEGER PRIMARY KEY, -- the rowid in search_fts of the incident's first document
      incident_id TEXT NOT NULL UNIQUE REFERENCES incidents (id) ON DELETE CASCADE,
      docs INTEGER NOT NULL CHECK (docs > 0)
    ) STRICT;

    CREATE VIRTUAL TABLE search_fts USING fts5 (
      title, lead, body, errors, commits, facets,
      incident_id UNINDEXED, type UNINDEXED, ref UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Title hits weigh most, then the summary or the lesson/action text, then errors, commits and the rest.
    -- facets (a token per service, for --service) count for nothing.
    INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0, 1.5, 0.0)');

    -- \`similar\` and \`collect logs\` look incidents up by failing endpoint and by file changed.
    CREATE INDEX endpoint_checks_failed_url ON endpoint_checks (url) WHERE passed = 0;
    CREATE INDEX commit_files_path ON commit_files (path);

    CREATE TRIGGER search_incidents_delete AFTER DELETE ON search_incidents BEGIN
      DELETE FROM search_fts WHERE rowid >= old.first_doc AND rowid < old.first_doc + old.docs;
    END;
  `);
  indexExistingIncidents(db);
}

const NL = 'char(10)';
/** Levels whose messages are not indexed as errors. */
const QUIET_LEVELS = "('info', 'debug', 'trace', 'notice', 'verbose')";

/** Indexes the incidents stored before this migration, as a save would have. */
function indexExistingIncidents(db: Database): void {
  // Child rows joined by newlines in position order, '' when there are none.
  const joined = (expr: string, from: string, order: string) => `coalesce((SELECT group_concat(${expr}, ${NL} ORDER BY ${order}) FROM ${from}), '')`;
  // Parts joined by newlines, without leading or trailing newlines.
  const lines = (...parts: string[]) => `trim(${parts.map((p) => `coalesce(${p}, '')`).join(` || ${NL} || `)}, ${NL})`;
  const files = joined('path', 'commit_files cf WHERE cf.incident_id = c.incident_id AND cf.commit_position = c.position', 'cf.position');
  db.exec(`
    CREATE TEMP TABLE search_counts AS
    SELECT i.id AS incident_id,
      (SELECT count(*) FROM lessons l WHERE l.incident_id = i.id) AS lessons,
      (SELECT count(*) FROM action_items a WHERE a.incident_id = i.id) AS actions
    FROM incidents i;

    -- Documents in id order: the incident, its lessons, its actions, on consecutive rowids from 1.
    INSERT INTO search_incidents (first_doc, incident_id, docs)
    SELECT 1 + coalesce(sum(1 + lessons + actions) OVER (ORDER BY incident_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
      incident_id, 1 + lessons + actions
    FROM search_counts ORDER BY incident_id;

    CREATE TEMP TABLE search_facets AS
    SELECT i.id AS incident_id,
      coalesce((SELECT group_concat('s' || lower(hex(value)), ' ' ORDER BY position) FROM incident_labels l
        WHERE l.incident_id = i.id AND l.kind = 'service'), '') AS facets
    FROM incidents i;

    INSERT INTO search_fts (rowid, title, lead, body, errors, commits, facets, incident_id, type, ref)
    SELECT s.first_doc, i.title, coalesce(i.summary, ''),
      ${lines(
        'i.impact',
        'i.trigger_text',
        joined('text', 'factors f WHERE f.incident_id = i.id', 'f.position'),
        'i.solution',
        'i.conclusion',
        joined('value', "incident_labels l WHERE l.incident_id = i.id AND l.kind IN ('service', 'tag')", "l.kind = 'tag', l.position"),
      )},
      ${lines(
        joined('message', `log_events e WHERE e.incident_id = i.id AND e.marker IS NULL AND e.level NOT IN ${QUIET_LEVELS}`, 'e.position'),
        joined(
          "c.method || ' ' || c.url || coalesce(' ' || c.error, ' ' || c.result, '')",
          'endpoint_checks c WHERE c.incident_id = i.id AND c.passed = 0',
          'c.position',
        ),
      )},
      ${joined(`trim(c.subject || coalesce(${NL} || c.body, '') || ${NL} || ${files}, ${NL})`, 'commits c WHERE c.incident_id = i.id', 'c.position')},
      x.facets, i.id, 'incident', NULL
    FROM incidents i JOIN search_incidents s ON s.incident_id = i.id JOIN search_facets x ON x.incident_id = i.id;

    INSERT INTO search_fts (rowid, title, lead, body, errors, commits, facets, incident_id, type, ref)
    SELECT s.first_doc + row_number() OVER (PARTITION BY l.incident_id ORDER BY l.position), '', l.text, '', '', '',
      x.facets, l.incident_id, 'lesson', l.position
    FROM lessons l JOIN search_incidents s ON s.incident_id = l.incident_id JOIN search_facets x ON x.incident_id = l.incident_id;

    INSERT INTO search_fts (rowid, title, lead, body, errors, commits, facets, incident_id, type, ref)
    SELECT s.first_doc + c.lessons + row_number() OVER (PARTITION BY a.incident_id ORDER BY a.position), '', a.text, '', '', '',
      x.facets, a.incident_id, 'action', a.seq
    FROM action_items a JOIN search_incidents s ON s.incident_id = a.incident_id JOIN search_counts c ON c.incident_id = a.incident_id
      JOIN search_facets x ON x.incident_id = a.incident_id;

    DROP TABLE search_counts;
    DROP TABLE search_facets;
  `);
}
