import type Database from 'better-sqlite3';
import { effectiveTimes } from '../record/derive.js';
import type { Incident } from '../record/schema.js';
import { toUtc } from '../record/time.js';
import { searchDocuments } from '../search/documents.js';
import type { Db } from './open.js';

/**
 * Reads and writes whole incident records. A save replaces every row of the
 * incident inside the caller's transaction, so a record is never half-written.
 */

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let prepared = cache.get(db);
  if (!prepared) {
    prepared = prepare(db);
    cache.set(db, prepared);
  }
  return prepared;
}

function prepare(db: Db) {
  return {
    deleteIncident: db.prepare('DELETE FROM incidents WHERE id = ?'),
    insertIncident: db.prepare(`INSERT INTO incidents (id, title, status, severity, environment, started_at, started_utc, detected_at,
      mitigated_at, resolved_at, summary, impact, trigger_text, solution, conclusion, created_at, updated_at,
      effective_started_utc, effective_detected, effective_mitigated, effective_resolved)
      VALUES (@id, @title, @status, @severity, @environment, @started_at, @started_utc, @detected_at, @mitigated_at, @resolved_at,
      @summary, @impact, @trigger_text, @solution, @conclusion, @created_at, @updated_at,
      @effective_started_utc, @effective_detected, @effective_mitigated, @effective_resolved)`),
    insertLabel: db.prepare('INSERT INTO incident_labels (incident_id, kind, position, value) VALUES (?, ?, ?, ?)'),
    insertFactor: db.prepare('INSERT INTO factors (incident_id, position, text, tags) VALUES (?, ?, ?, ?)'),
    insertStep: db.prepare('INSERT INTO deployment_steps (incident_id, position, text, status, detail) VALUES (?, ?, ?, ?, ?)'),
    insertSection: db.prepare('INSERT INTO extra_sections (incident_id, position, heading, body, after_section) VALUES (?, ?, ?, ?, ?)'),
    insertEvent: db.prepare('INSERT INTO timeline_events (incident_id, position, time, time_utc, text, kind, source) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertLesson: db.prepare('INSERT INTO lessons (incident_id, position, text, category, tags) VALUES (?, ?, ?, ?, ?)'),
    insertAction: db.prepare(`INSERT INTO action_items (incident_id, seq, position, text, kind, owner, due, priority, status, tracker, created_at, closed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertMetric: db.prepare('INSERT INTO metrics (incident_id, position, name, value) VALUES (?, ?, ?, ?)'),
    insertLog: db.prepare(`INSERT INTO log_events (incident_id, position, time, level, source, message, fingerprint, count, last_seen, marker, excerpt)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertLogSource: db.prepare(`INSERT INTO log_sources (incident_id, position, source, file, format, lines, bytes, levels, first_time, last_time)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertRedaction: db.prepare('INSERT INTO redactions (incident_id, position, kind, count, source) VALUES (?, ?, ?, ?, ?)'),
    insertCommit:
      db.prepare(`INSERT INTO commits (incident_id, position, repo, hash, author, authored_at, committed_at, subject, body, is_fix, is_merge, tags, diff, diff_language)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertCommitFile: db.prepare('INSERT INTO commit_files (incident_id, commit_position, position, path, insertions, deletions) VALUES (?, ?, ?, ?, ?, ?)'),
    insertCheck:
      db.prepare(`INSERT INTO endpoint_checks (incident_id, position, url, method, expect, expect_status, result, passed, status_code, latency_ms, checked_at, phase, error, attempts, recovered_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertEnv: db.prepare('INSERT INTO env_checks (incident_id, position, name, required, is_set, shape, note) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertWarning: db.prepare('INSERT INTO warnings (incident_id, position, text, source) VALUES (?, ?, ?, ?)'),
    // The search index (migration 0060). A save's delete took the old documents (cascade, then a trigger).
    nextSearchDoc: db.prepare('SELECT first_doc + docs FROM search_incidents ORDER BY first_doc DESC LIMIT 1').pluck(),
    insertSearchIncident: db.prepare('INSERT INTO search_incidents (first_doc, incident_id, docs) VALUES (?, ?, ?)'),
    insertSearchDoc: db.prepare(
      'INSERT INTO search_fts (rowid, title, lead, body, errors, commits, facets, incident_id, type, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    selectIncident: db.prepare('SELECT * FROM incidents WHERE id = ?'),
    children: Object.fromEntries(
      CHILD_KEYS.map((key) => [key, db.prepare(`SELECT * FROM ${CHILD_TABLES[key].table} WHERE incident_id = ? ORDER BY ${CHILD_TABLES[key].order}`)]),
    ) as Record<ChildKey, Database.Statement>,
    exists: db.prepare('SELECT 1 FROM incidents WHERE id = ?').pluck(),
    baseIsStored: db.prepare('SELECT 1 FROM sync_state WHERE incident_id = ? AND base_record IS NULL').pluck(),
    keepBase: db.prepare('UPDATE sync_state SET base_record = ? WHERE incident_id = ?'),
  };
}

/** Runs an insert per item with its position; the statements' results are not needed. */
function insertAll<T>(items: readonly T[], insert: (item: T, position: number) => unknown): void {
  for (let i = 0; i < items.length; i++) insert(items[i] as T, i);
}

/** Writes a whole record, replacing any previous version. Call inside a transaction. */
export function saveIncident(db: Db, incident: Incident, options: { isNew?: boolean } = {}): void {
  const s = statements(db);
  const id = incident.id;
  // A caller that has just checked the id is free skips the two lookups below (bulk imports).
  if (!options.isNew) {
    // The merge base may be "the stored record" (see sync/syncState.ts): copy it before it changes.
    if (s.baseIsStored.get(id) === 1) s.keepBase.run(JSON.stringify(loadIncident(db, id)), id);
    s.deleteIncident.run(id);
  }
  for (const write of ROW_WRITERS) write(s, incident);
}

/**
 * Writes records whose ids are not stored yet (the caller has checked), table
 * by table: each table's b-tree stays hot in the CPU caches while its rows go
 * in, which makes bulk imports faster than saving the same records one by one.
 * Call inside a transaction; the rows are the same as saveIncident's.
 */
export function saveNewIncidents(db: Db, incidents: readonly Incident[]): void {
  const s = statements(db);
  for (const write of ROW_WRITERS) {
    for (const incident of incidents) write(s, incident);
  }
}

type RowWriter = (s: Statements, incident: Incident) => void;

/** Every table's rows of a record, the incidents row first (the others reference it). */
const ROW_WRITERS: readonly RowWriter[] = [
  (s, incident) => {
    const effective = effectiveTimes(incident);
    s.insertIncident.run({
      id: incident.id,
      title: incident.title,
      status: incident.status,
      severity: incident.severity,
      environment: incident.environment,
      started_at: incident.times.started,
      started_utc: incident.times.started ? toUtc(incident.times.started) : null,
      detected_at: incident.times.detected,
      mitigated_at: incident.times.mitigated,
      resolved_at: incident.times.resolved,
      summary: incident.summary,
      impact: incident.impact,
      trigger_text: incident.trigger,
      solution: incident.solution,
      conclusion: incident.conclusion,
      created_at: incident.created_at,
      updated_at: incident.updated_at,
      effective_started_utc: effective.started ? toUtc(effective.started) : null,
      effective_detected: effective.detected,
      effective_mitigated: effective.mitigated,
      effective_resolved: effective.resolved,
    });
  },
  (s, { id, services, authors, tags }) => {
    insertAll(services, (value, i) => s.insertLabel.run(id, 'service', i, value));
    insertAll(authors, (value, i) => s.insertLabel.run(id, 'author', i, value));
    insertAll(tags, (value, i) => s.insertLabel.run(id, 'tag', i, value));
  },
  (s, { id, factors }) => insertAll(factors, (f, i) => s.insertFactor.run(id, i, f.text, JSON.stringify(f.tags))),
  (s, { id, deployment }) => insertAll(deployment, (step, i) => s.insertStep.run(id, i, step.text, step.status, step.detail)),
  (s, { id, sections }) => insertAll(sections, (section, i) => s.insertSection.run(id, i, section.heading, section.body, section.after)),
  (s, { id, timeline }) => insertAll(timeline, (e, i) => s.insertEvent.run(id, i, e.time, toUtc(e.time), e.text, e.kind, e.source)),
  (s, { id, lessons }) => insertAll(lessons, (l, i) => s.insertLesson.run(id, i, l.text, l.category, JSON.stringify(l.tags))),
  (s, { id, actions }) => {
    let nextSeq = Math.max(0, ...actions.map((a) => a.id ?? 0)) + 1;
    insertAll(actions, (a, i) => {
      const seq = a.id ?? nextSeq++;
      s.insertAction.run(id, seq, i, a.text, a.kind, a.owner, a.due, a.priority, a.status, a.tracker, a.created_at, a.closed_at);
    });
  },
  (s, { id, metrics }) => insertAll(metrics, (m, i) => s.insertMetric.run(id, i, m.name, m.value)),
  (s, { id, evidence }) =>
    insertAll(evidence.logs, (l, i) => s.insertLog.run(id, i, l.time, l.level, l.source, l.message, l.fingerprint, l.count, l.last_seen, l.marker, l.excerpt)),
  (s, { id, evidence }) =>
    insertAll(evidence.log_sources, (l, i) =>
      s.insertLogSource.run(id, i, l.source, l.file, l.format, l.lines, l.bytes, JSON.stringify(l.levels), l.first_time, l.last_time),
    ),
  (s, { id, evidence }) => insertAll(evidence.redactions, (r, i) => s.insertRedaction.run(id, i, r.kind, r.count, r.source)),
  (s, { id, evidence }) =>
    insertAll(evidence.commits, (c, i) =>
      s.insertCommit.run(
        id,
        i,
        c.repo,
        c.hash,
        c.author,
        c.authored_at,
        c.committed_at,
        c.subject,
        c.body,
        c.fix ? 1 : 0,
        c.merge ? 1 : 0,
        JSON.stringify(c.tags),
        c.diff,
        c.diff_language,
      ),
    ),
  (s, { id, evidence }) =>
    insertAll(evidence.commits, (c, i) => insertAll(c.files, (f, j) => s.insertCommitFile.run(id, i, j, f.path, f.insertions, f.deletions))),
  (s, { id, evidence }) =>
    insertAll(evidence.checks, (c, i) =>
      s.insertCheck.run(
        id,
        i,
        c.url,
        c.method,
        c.expect,
        c.expect_status,
        c.result,
        c.passed ? 1 : 0,
        c.status_code,
        c.latency_ms,
        c.checked_at,
        c.phase,
        c.error,
        c.attempts,
        c.recovered_at,
      ),
    ),
  (s, { id, evidence }) => insertAll(evidence.env, (e, i) => s.insertEnv.run(id, i, e.name, e.required ? 1 : 0, e.set ? 1 : 0, e.shape, e.note)),
  (s, { id, evidence }) => insertAll(evidence.warnings, (w, i) => s.insertWarning.run(id, i, w.text, w.source)),
  indexForSearch,
];

/** Writes the incident's search documents on consecutive rowids (see migration 0060). */
function indexForSearch(s: Statements, incident: Incident): void {
  const docs = searchDocuments(incident);
  const first = (s.nextSearchDoc.get() as number | undefined) ?? 1;
  s.insertSearchIncident.run(first, incident.id, docs.length);
  insertAll(docs, (d, i) => s.insertSearchDoc.run(first + i, d.title, d.lead, d.body, d.errors, d.commits, d.facets, incident.id, d.type, d.ref));
}

/** True when an incident with this id is stored. */
export function incidentExists(db: Db, id: string): boolean {
  return statements(db).exists.get(id) === 1;
}

/** Reads a whole record, or null when there is no incident with this id. */
export function loadIncident(db: Db, id: string): Incident | null {
  const s = statements(db);
  const row = s.selectIncident.get(id) as IncidentRow | undefined;
  if (!row) return null;
  const children = {} as ChildRows;
  for (const key of CHILD_KEYS) children[key] = s.children[key].all(id) as Row[];
  return assembleIncident(row, children);
}

/**
 * Every stored incident, in id order, one at a time: one pass over each table
 * (a merge join on incident id) instead of fifteen queries per incident, so
 * rendering or indexing thousands of incidents stays fast and memory flat.
 */
export function* iterateIncidents(db: Db): Generator<Incident> {
  const cursors = CHILD_KEYS.map((key) => {
    const { table, order } = CHILD_TABLES[key];
    const iterator = db.prepare(`SELECT * FROM ${table} ORDER BY incident_id, ${order}`).iterate() as IterableIterator<Row>;
    return { key, iterator, head: iterator.next() };
  });
  try {
    for (const row of db.prepare('SELECT * FROM incidents ORDER BY id').iterate() as IterableIterator<IncidentRow>) {
      const children = {} as ChildRows;
      for (const cursor of cursors) {
        const rows: Row[] = [];
        while (!cursor.head.done && cursor.head.value.incident_id === row.id) {
          rows.push(cursor.head.value);
          cursor.head = cursor.iterator.next();
        }
        children[cursor.key] = rows;
      }
      yield assembleIncident(row, children);
    }
  } finally {
    for (const cursor of cursors) cursor.iterator.return?.();
  }
}

const CHILD_TABLES = {
  labels: { table: 'incident_labels', order: 'kind, position' },
  factors: { table: 'factors', order: 'position' },
  steps: { table: 'deployment_steps', order: 'position' },
  sections: { table: 'extra_sections', order: 'position' },
  events: { table: 'timeline_events', order: 'position' },
  lessons: { table: 'lessons', order: 'position' },
  actions: { table: 'action_items', order: 'position' },
  metrics: { table: 'metrics', order: 'position' },
  logs: { table: 'log_events', order: 'position' },
  logSources: { table: 'log_sources', order: 'position' },
  redactions: { table: 'redactions', order: 'position' },
  commits: { table: 'commits', order: 'position' },
  commitFiles: { table: 'commit_files', order: 'commit_position, position' },
  checks: { table: 'endpoint_checks', order: 'position' },
  env: { table: 'env_checks', order: 'position' },
  warnings: { table: 'warnings', order: 'position' },
} as const;
type ChildKey = keyof typeof CHILD_TABLES;
type ChildRows = Record<ChildKey, Row[]>;
const CHILD_KEYS = Object.keys(CHILD_TABLES) as ChildKey[];

/** Builds the record from its row and its child rows (each list in position order). */
function assembleIncident(row: IncidentRow, rows: ChildRows): Incident {
  const label = (kind: string) => rows.labels.filter((l) => l.kind === kind).map((l) => l.value as string);
  const files = rows.commitFiles;
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    severity: row.severity,
    services: label('service'),
    environment: row.environment,
    authors: label('author'),
    tags: label('tag'),
    times: { started: row.started_at, detected: row.detected_at, mitigated: row.mitigated_at, resolved: row.resolved_at },
    summary: row.summary,
    impact: row.impact,
    factors: rows.factors.map((r) => ({ text: r.text, tags: JSON.parse(r.tags) })),
    trigger: row.trigger_text,
    solution: row.solution,
    deployment: rows.steps.map((r) => ({ text: r.text, status: r.status, detail: r.detail })),
    conclusion: row.conclusion,
    sections: rows.sections.map((r) => ({ heading: r.heading, body: r.body, after: r.after_section })),
    evidence: {
      logs: rows.logs.map((r) => ({
        time: r.time,
        level: r.level,
        source: r.source,
        message: r.message,
        fingerprint: r.fingerprint,
        count: r.count,
        last_seen: r.last_seen,
        marker: r.marker,
        excerpt: r.excerpt,
      })),
      log_sources: rows.logSources.map((r) => ({
        source: r.source,
        file: r.file,
        format: r.format,
        lines: r.lines,
        bytes: r.bytes,
        levels: JSON.parse(r.levels),
        first_time: r.first_time,
        last_time: r.last_time,
      })),
      commits: rows.commits.map((r) => ({
        repo: r.repo,
        hash: r.hash,
        author: r.author,
        authored_at: r.authored_at,
        committed_at: r.committed_at,
        subject: r.subject,
        body: r.body,
        fix: r.is_fix === 1,
        merge: r.is_merge === 1,
        tags: JSON.parse(r.tags),
        files: files.filter((f) => f.commit_position === r.position).map((f) => ({ path: f.path, insertions: f.insertions, deletions: f.deletions })),
        diff: r.diff,
        diff_language: r.diff_language,
      })),
      checks: rows.checks.map((r) => ({
        url: r.url,
        method: r.method,
        expect: r.expect,
        expect_status: r.expect_status,
        result: r.result,
        passed: r.passed === 1,
        status_code: r.status_code,
        latency_ms: r.latency_ms,
        checked_at: r.checked_at,
        phase: r.phase,
        error: r.error,
        attempts: r.attempts,
        recovered_at: r.recovered_at,
      })),
      env: rows.env.map((r) => ({ name: r.name, required: r.required === 1, set: r.is_set === 1, shape: r.shape, note: r.note })),
      warnings: rows.warnings.map((r) => ({ text: r.text, source: r.source })),
      redactions: rows.redactions.map((r) => ({ kind: r.kind, count: r.count, source: r.source })),
    },
    timeline: rows.events.map((r) => ({ time: r.time, text: r.text, kind: r.kind, source: r.source })),
    lessons: rows.lessons.map((r) => ({ text: r.text, category: r.category, tags: JSON.parse(r.tags) })),
    actions: rows.actions.map((r) => ({
      id: r.seq,
      text: r.text,
      kind: r.kind,
      owner: r.owner,
      due: r.due,
      priority: r.priority,
      status: r.status,
      tracker: r.tracker,
      created_at: r.created_at,
      closed_at: r.closed_at,
    })),
    metrics: rows.metrics.map((r) => ({ name: r.name, value: r.value })),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

// Rows come from our own schema; columns are typed by the CHECK constraints above.
// biome-ignore lint/suspicious/noExplicitAny: row shapes are fixed by the migrations
type Row = Record<string, any>;
type IncidentRow = Row & { id: string; title: string; status: Incident['status'] };
