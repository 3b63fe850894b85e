import type { Database } from 'better-sqlite3';

/**
 * What the collectors add: lifecycle markers and excerpts on log events, the
 * log sources read, merge commits and tags, retried checks, and what
 * redaction masked (kinds and counts only, never a secret).
 */
export default function addCollectorEvidence(db: Database): void {
  db.exec(`
    ALTER TABLE log_events ADD COLUMN marker TEXT;
    ALTER TABLE log_events ADD COLUMN excerpt TEXT;
    ALTER TABLE commits ADD COLUMN is_merge INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE commits ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE endpoint_checks ADD COLUMN attempts INTEGER;
    ALTER TABLE endpoint_checks ADD COLUMN recovered_at TEXT;

    CREATE TABLE log_sources (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      source TEXT NOT NULL,
      file TEXT,
      format TEXT NOT NULL,
      lines INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      levels TEXT NOT NULL DEFAULT '{}',
      first_time TEXT,
      last_time TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE redactions (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL,
      count INTEGER NOT NULL,
      source TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;
  `);
}
