import type { Db } from '../db/open.js';
import { deriveDurations } from '../record/durations.js';
import type { IncidentStatus } from '../record/schema.js';

export interface IncidentSummary {
  id: string;
  title: string;
  status: IncidentStatus;
  severity: string | null;
  services: string[];
  started: string | null;
  resolved: string | null;
  /** started → resolved, in minutes, when both are known. */
  downtime_minutes: number | null;
  open_actions: number;
}

export interface ListFilter {
  status?: string | undefined;
  service?: string | undefined;
  severity?: string | undefined;
  limit?: number | undefined;
}

/** Incidents newest first (by start time; undated ones last), with the counts a list shows. */
export function listIncidents(db: Db, filter: ListFilter = {}): IncidentSummary[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.status) {
    where.push('i.status = @status');
    params.status = filter.status;
  }
  if (filter.severity) {
    where.push('i.severity = @severity COLLATE NOCASE');
    params.severity = filter.severity;
  }
  if (filter.service) {
    where.push("EXISTS (SELECT 1 FROM incident_labels l WHERE l.incident_id = i.id AND l.kind = 'service' AND l.value = @service)");
    params.service = filter.service;
  }
  const sql = `
    SELECT i.id, i.title, i.status, i.severity, i.effective_started_utc AS started_at, i.effective_detected AS detected_at,
      i.effective_mitigated AS mitigated_at, i.effective_resolved AS resolved_at, i.started_at AS started_written,
      (SELECT group_concat(value, char(31)) FROM (SELECT value FROM incident_labels l WHERE l.incident_id = i.id AND l.kind = 'service' ORDER BY position)) AS services,
      (SELECT count(*) FROM action_items a WHERE a.incident_id = i.id AND a.status IN ('open', 'in-progress')) AS open_actions
    FROM incidents i
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.effective_started_utc IS NULL, i.effective_started_utc DESC, i.id
    ${filter.limit ? 'LIMIT @limit' : ''}`;
  if (filter.limit) params.limit = filter.limit;
  const rows = db.prepare(sql).all(params) as Array<{
    id: string;
    title: string;
    status: IncidentStatus;
    severity: string | null;
    started_at: string | null;
    started_written: string | null;
    detected_at: string | null;
    mitigated_at: string | null;
    resolved_at: string | null;
    services: string | null;
    open_actions: number;
  }>;
  return rows.map((row) => {
    const { downtime } = deriveDurations({ started: row.started_at, detected: row.detected_at, mitigated: row.mitigated_at, resolved: row.resolved_at });
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      severity: row.severity,
      services: row.services ? row.services.split('\u001f') : [],
      // As written when written by hand (its offset kept), else the derived UTC time.
      started: row.started_written ?? row.started_at,
      resolved: row.resolved_at,
      downtime_minutes: downtime === null ? null : Math.round(downtime / 60_000),
      open_actions: row.open_actions,
    };
  });
}
