import type { Database } from 'better-sqlite3';

/** What collectors gather: log events, commits and their files, endpoint checks, env checks, warnings. */
export default function createEvidence(db: Database): void {
  db.exec(`
    CREATE TABLE log_events (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      time TEXT,
      level TEXT NOT NULL,
      source TEXT,
      message TEXT NOT NULL,
      fingerprint TEXT,
      count INTEGER NOT NULL DEFAULT 1,
      last_seen TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX log_events_fingerprint ON log_events (fingerprint) WHERE fingerprint IS NOT NULL;

    CREATE TABLE commits (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      repo TEXT,
      hash TEXT NOT NULL,
      author TEXT,
      authored_at TEXT,
      committed_at TEXT,
      subject TEXT NOT NULL,
      body TEXT,
      is_fix INTEGER NOT NULL DEFAULT 0,
      diff TEXT,
      diff_language TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE commit_files (
      incident_id TEXT NOT NULL,
      commit_position INTEGER NOT NULL,
      position INTEGER NOT NULL,
      path TEXT NOT NULL,
      insertions INTEGER NOT NULL,
      deletions INTEGER NOT NULL,
      PRIMARY KEY (incident_id, commit_position, position),
      FOREIGN KEY (incident_id, commit_position) REFERENCES commits (incident_id, position) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE endpoint_checks (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      url TEXT NOT NULL,
      method TEXT NOT NULL,
      expect TEXT,
      expect_status TEXT,
      result TEXT,
      passed INTEGER NOT NULL,
      status_code INTEGER,
      latency_ms REAL,
      checked_at TEXT,
      phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
      error TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE env_checks (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      required INTEGER NOT NULL,
      is_set INTEGER NOT NULL,
      shape TEXT,
      note TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE warnings (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      text TEXT NOT NULL,
      source TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;
  `);
}
