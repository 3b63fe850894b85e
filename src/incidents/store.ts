import { incidentExists, loadIncident, saveIncident } from '../db/incidentStore.js';
import type { Db } from '../db/open.js';
import { EXIT, notFound, UserError } from '../errors.js';
import { formatIssues } from '../record/issues.js';
import { type Incident, type IncidentInput, incidentSchema } from '../record/schema.js';
import { formatTimestamp } from '../record/time.js';

/** Loads an incident or throws the not-found error every command shows. */
export function getIncident(db: Db, id: string): Incident {
  const incident = loadIncident(db, id);
  if (!incident) throw incidentNotFound(id);
  return incident;
}

export function incidentNotFound(id: string): UserError {
  return notFound(`Incident "${id}"`, 'Run `postmortem list` to see the ids of stored incidents.');
}

/** Validates a record built by a command; the error lists each bad field and promises nothing was written. */
export function validateRecord(input: IncidentInput): Incident {
  const result = incidentSchema.safeParse(input);
  if (!result.success) {
    throw new UserError('invalid-record', 'The change would make the incident invalid:', {
      exitCode: EXIT.invalidInput,
      details: formatIssues(result.error.issues),
      hint: 'Nothing was written.',
    });
  }
  return result.data;
}

/** Creates an incident; fails if the id is taken. */
export function createIncident(db: Db, input: IncidentInput, now: Date): Incident {
  const stamp = formatTimestamp(now.getTime());
  const incident = validateRecord({ ...input, created_at: stamp, updated_at: stamp });
  db.transaction(() => {
    if (incidentExists(db, incident.id)) {
      throw new UserError('id-taken', `An incident with id "${incident.id}" already exists.`, {
        exitCode: EXIT.invalidInput,
        hint: 'Pass --id with another id, or change the existing one with `postmortem set`. Nothing was written.',
      });
    }
    saveIncident(db, incident);
  }).immediate();
  return incident;
}

/**
 * Applies `change` to a stored incident in one transaction: load, change,
 * validate, save. A change that fails validation writes nothing.
 */
export function updateIncident(db: Db, id: string, now: Date, change: (incident: Incident) => IncidentInput): Incident {
  return db
    .transaction(() => {
      const next = validateRecord(change(getIncident(db, id)));
      if (next.id !== id) {
        throw new UserError('id-change', 'An incident id cannot be changed by an edit.', {
          exitCode: EXIT.invalidInput,
          hint: 'Keep the id as it was; nothing was written.',
        });
      }
      next.updated_at = formatTimestamp(now.getTime());
      saveIncident(db, next);
      return next;
    })
    .immediate();
}
