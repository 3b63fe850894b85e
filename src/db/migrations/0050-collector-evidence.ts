import type { Database } from 'better-sqlite3';

/**
 * What the collectors add: lifecycle markers and excerpts on log events, the
 * log sources read, merge commits and tags, retried checks, and what
 * redaction masked (kinds and counts only, never a secret); and the effective
 * times (by hand, else from evidence) stored for lists and statistics.
 */
export default function addCollectorEvidence(db: Database): void {
  db.exec(`
    ALTER TABLE log_events ADD COLUMN marker TEXT;
    ALTER TABLE log_events ADD COLUMN excerpt TEXT;
    ALTER TABLE commits ADD COLUMN is_merge INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE commits ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE endpoint_checks ADD COLUMN attempts INTEGER;
    ALTER TABLE endpoint_checks ADD COLUMN recovered_at TEXT;

    -- Times as a postmortem shows them (written by hand, else derived from the
    -- evidence), kept on save so lists and statistics need no evidence scan.
    ALTER TABLE incidents ADD COLUMN effective_started_utc TEXT;
    ALTER TABLE incidents ADD COLUMN effective_detected TEXT;
    ALTER TABLE incidents ADD COLUMN effective_mitigated TEXT;
    ALTER TABLE incidents ADD COLUMN effective_resolved TEXT;
    UPDATE incidents SET effective_started_utc = started_utc, effective_detected = detected_at,
      effective_mitigated = mitigated_at, effective_resolved = resolved_at;
    CREATE INDEX incidents_effective_started ON incidents (effective_started_utc);

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
