import yaml from 'js-yaml';
import { EXIT, UserError } from '../errors.js';
import { formatIssues } from './issues.js';
import { loadYaml } from './loadYaml.js';
import { type Incident, incidentSchema } from './schema.js';

/**
 * The file form: one deterministic YAML document per incident, meant to be
 * read and edited in pull requests. Empty fields are left out; keys follow the
 * schema's order; timestamps stay strings (CORE schema: no YAML timestamp type,
 * so offsets are never rewritten).
 */

const DUMP_OPTIONS: yaml.DumpOptions = {
  schema: yaml.CORE_SCHEMA,
  lineWidth: -1,
  noRefs: true,
  sortKeys: false,
};

/** Serialises a record to its file form. Same record in, same bytes out. */
export function serializeIncident(incident: Incident): string {
  const header = '# postmortem incident record: edit freely, then `postmortem import` this file.\n';
  return header + yaml.dump(prune(incident), DUMP_OPTIONS);
}

/** Parses and validates a file form; throws a UserError listing each bad field. */
export function parseIncidentFile(text: string, fileName: string): Incident {
  const raw = loadYaml(text, fileName, 'Fix the YAML syntax at the line shown; nothing was written.');
  return validateIncident(raw, fileName);
}

/** Validates an already-parsed record object (from YAML or JSON). */
export function validateIncident(raw: unknown, label: string): Incident {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError('invalid-record', `${label} does not hold an incident record (expected a mapping with id and title).`, {
      exitCode: EXIT.invalidInput,
      hint: 'Run `postmortem export ID` to see the file form of an existing incident; nothing was written.',
    });
  }
  const result = incidentSchema.safeParse(raw);
  if (!result.success) {
    const details = formatIssues(result.error.issues);
    throw new UserError('invalid-record', `${label} has ${details.length === 1 ? 'an invalid field' : `${details.length} invalid fields`}:`, {
      exitCode: EXIT.invalidInput,
      details,
      hint: 'Fix the fields listed above and import again; nothing was written.',
    });
  }
  return result.data;
}

/** Drops nulls, empty strings and empty lists so files stay short. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === null || inner === undefined || inner === '') continue;
      if (Array.isArray(inner) && inner.length === 0) continue;
      const pruned = prune(inner);
      if (pruned && typeof pruned === 'object' && !Array.isArray(pruned) && Object.keys(pruned).length === 0) continue;
      out[key] = pruned;
    }
    return out;
  }
  return value;
}
