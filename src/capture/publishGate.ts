import type { Db } from '../db/open.js';
import { EXIT, UserError } from '../errors.js';
import { getIncident, updateIncident } from '../incidents/store.js';
import { type LintFinding, type LintIncidentOptions, lintIncident } from '../lint/lint.js';
import { withDerivedFacts } from '../record/derive.js';
import { INCIDENT_STATUSES, type Incident, type IncidentStatus } from '../record/schema.js';
import { formatTimestamp } from '../record/time.js';

/**
 * The review workflow: draft → in-review → published (and back). Moving to
 * published runs the lint on the postmortem as it renders; any error
 * (a required section missing, a prevention item without owner or due date)
 * refuses it and nothing is written, unless `force`, in which case the record
 * keeps a warning saying it was published anyway and what the lint found.
 */

export interface StatusChange {
  incident: Incident;
  from: IncidentStatus;
  to: IncidentStatus;
  /** False when the incident already had that status. */
  changed: boolean;
  /** The lint's findings when publishing (errors and warnings), else []. */
  findings: LintFinding[];
  /** Published with --force over lint errors. */
  forced: boolean;
}

/** Source of the warning a forced publication leaves in `evidence.warnings`. */
export const FORCED_SOURCE = 'publish --force';

/** Validates a status given on the command line. */
export function parseStatus(value: string): IncidentStatus {
  if ((INCIDENT_STATUSES as readonly string[]).includes(value)) return value as IncidentStatus;
  throw new UserError('bad-status', `"${value}" is not a status.`, {
    exitCode: EXIT.invalidInput,
    hint: `Use one of: ${INCIDENT_STATUSES.join(', ')}. Nothing was written.`,
  });
}

/** Changes an incident's status in one transaction; publishing goes through the lint gate. */
export function changeStatus(
  db: Db,
  id: string,
  to: IncidentStatus,
  options: { force?: boolean; now: Date; lint: LintIncidentOptions; lintNow?: Date },
): StatusChange {
  const current = getIncident(db, id);
  if (current.status === to) return { incident: current, from: to, to, changed: false, findings: [], forced: false };
  let findings: LintFinding[] = [];
  let forced = false;
  const incident = updateIncident(db, id, options.now, (stored) => {
    const from = stored.status;
    if (to !== 'published' || from === 'published') return { ...stored, status: to };
    findings = lintIncident(withDerivedFacts(stored), { ...options.lint, now: options.lintNow ?? options.now });
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) return { ...stored, status: to };
    if (!options.force) {
      throw new UserError('lint-failed', `${id} cannot be published: the lint found ${errors.length} error${errors.length === 1 ? '' : 's'} to fix.`, {
        exitCode: EXIT.invalidInput,
        details: errors.map(describeFinding),
        hint: `Fix them (postmortem edit ${id}; \`postmortem lint ${id}\` shows every finding), then publish again, or publish anyway with --force (recorded in the record). Nothing was written.`,
      });
    }
    forced = true;
    const text = `Published with --force on ${formatTimestamp(options.now.getTime())} over ${errors.length} lint error${errors.length === 1 ? '' : 's'}: ${errors
      .slice(0, 5)
      .map((e) => `${e.message} [${e.rule}]`)
      .join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`;
    return {
      ...stored,
      status: to,
      evidence: { ...stored.evidence, warnings: [...stored.evidence.warnings.filter((w) => w.source !== FORCED_SOURCE), { text, source: FORCED_SOURCE }] },
    };
  });
  return { incident, from: current.status, to, changed: true, findings, forced };
}

/** One finding on one line: `action #1 "…" has no owner (in "Action items") [action-owner]`. */
export function describeFinding(finding: LintFinding): string {
  const where = finding.section && !finding.message.includes(`"${finding.section}"`) ? ` (in "${finding.section}")` : '';
  return `${finding.message}${where} [${finding.rule}]`;
}
