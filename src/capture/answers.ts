import fs from 'node:fs';
import { EXIT, UserError } from '../errors.js';
import { formatIssues } from '../record/issues.js';
import { loadYaml } from '../record/loadYaml.js';
import { type IncidentInput, incidentSchema } from '../record/schema.js';

/**
 * `capture --answers FILE`: what no collector can know (summary, impact,
 * factors, lessons, prevention items, ...) given as a record file, so capture
 * can run without questions. Any field of the record may appear and each is
 * validated by the record schema; a file `postmortem import` takes (such as
 * the example's `narrative.yaml`) works as it is.
 */

/** Fields capture sets itself: a capture is always a new draft, stamped now. */
const IGNORED = ['status', 'created_at', 'updated_at'] as const;

export interface CaptureAnswers {
  /** The id the file asks for (used when --id is not given). */
  id: string | null;
  /** The validated fields present in the file, minus id, title and those capture sets itself. */
  fields: Partial<IncidentInput>;
}

const answersSchema = incidentSchema.partial();

/** Validates the text of an answers file; throws a UserError listing each bad field. */
export function parseAnswers(text: string, fileName: string): CaptureAnswers {
  const raw = loadYaml(text, fileName, 'Fix the YAML syntax at the line shown; nothing was collected or written.') ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError('invalid-answers', `${fileName} is not a mapping of record fields.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Write the answers as record fields (summary:, impact:, factors:, lessons:, actions:, ...); docs/record.md lists them. Nothing was written.',
    });
  }
  const result = answersSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new UserError('invalid-answers', `${fileName} has invalid fields:`, {
      exitCode: EXIT.invalidInput,
      details: formatIssues(result.error.issues),
      hint: 'Fix the fields listed above (docs/record.md describes each one). Nothing was collected or written.',
    });
  }
  const present = new Set(Object.keys(raw));
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result.data)) {
    if (!present.has(key) || key === 'id' || key === 'title' || (IGNORED as readonly string[]).includes(key)) continue;
    fields[key] = value;
  }
  return { id: present.has('id') ? (result.data.id ?? null) : null, fields: fields as Partial<IncidentInput> };
}

/** Reads and validates an answers file. */
export function loadAnswers(file: string, shown: string): CaptureAnswers {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError('answers-missing', `Cannot read the answers file ${shown}: ${code ?? (error as Error).message}.`, {
      exitCode: code === 'ENOENT' ? EXIT.notFound : EXIT.failure,
      hint: 'Check the path given to --answers. Nothing was collected or written.',
      cause: error,
    });
  }
  return parseAnswers(text, shown);
}
