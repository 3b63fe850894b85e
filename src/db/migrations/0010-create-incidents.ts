import type { Database } from 'better-sqlite3';

/** The incident itself: identity, times and narrative, plus its labels (services, authors, tags). */
export default function createIncidents(db: Database): void {
  db.exec(`
    CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in-review', 'published')),
      severity TEXT,
      environment TEXT,
      started_at TEXT,
      started_utc TEXT,
      detected_at TEXT,
      mitigated_at TEXT,
      resolved_at TEXT,
      summary TEXT,
      impact TEXT,
      trigger_text TEXT,
      solution TEXT,
      conclusion TEXT,
      created_at TEXT,
      updated_at TEXT
    ) STRICT;
    CREATE INDEX incidents_started ON incidents (started_utc);

    CREATE TABLE incident_labels (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('service', 'author', 'tag')),
      position INTEGER NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (incident_id, kind, position)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX incident_labels_value ON incident_labels (kind, value);
  `);
}
