import type { Database } from 'better-sqlite3';

/** What people write: factors, deployment steps, extra sections, timeline, lessons, actions, metrics. */
export default function createNarrative(db: Database): void {
  db.exec(`
    CREATE TABLE factors (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      text TEXT NOT NULL,
      tags TEXT NOT NULL DEFAULT '[]',
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE deployment_steps (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'skipped', 'pending')),
      detail TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE extra_sections (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      heading TEXT NOT NULL,
      body TEXT NOT NULL,
      after_section TEXT,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE timeline_events (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      time TEXT NOT NULL,
      time_utc TEXT NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('manual', 'log', 'commit', 'check')),
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE lessons (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      text TEXT NOT NULL,
      category TEXT,
      tags TEXT NOT NULL DEFAULT '[]',
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE action_items (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      position INTEGER NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('prevent', 'detect', 'mitigate', 'process')),
      owner TEXT,
      due TEXT,
      priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
      status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'wont-do')),
      tracker TEXT,
      created_at TEXT,
      closed_at TEXT,
      PRIMARY KEY (incident_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX action_items_open ON action_items (status, due);

    CREATE TABLE metrics (
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (incident_id, position)
    ) STRICT, WITHOUT ROWID;
  `);
}
