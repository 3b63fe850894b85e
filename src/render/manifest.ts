import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { EXIT, UserError } from '../errors.js';
import { formatIssues } from '../record/issues.js';

/** File name of a template's manifest, beside its `postmortem.hbs`. */
export const MANIFEST_FILE = 'template.yaml';

const manifestSchema = z.strictObject({
  /** One line shown by `postmortem template list`. */
  description: z.string().trim().min(1).nullable().default(null),
  /** Sections `postmortem lint` requires, named by meaning ("root causes", "action items"). */
  required_sections: z.array(z.string().trim().min(1)).default([]),
});

/** A template's manifest: what `template list` and `lint` know about it. */
export interface TemplateManifest {
  description: string | null;
  requiredSections: string[];
}

/**
 * Reads the `template.yaml` beside a template's main file. A template without
 * one has no description and requires no section.
 */
export function readTemplateManifest(templateFile: string): TemplateManifest {
  const file = path.join(path.dirname(templateFile), MANIFEST_FILE);
  if (!existsSync(file)) return { description: null, requiredSections: [] };
  let raw: unknown;
  try {
    raw = yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) ?? {};
  } catch (error) {
    throw new UserError('invalid-template-manifest', `${file} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`, {
      exitCode: EXIT.invalidInput,
      hint: 'Fix the file (keys: description, required_sections). Nothing was written.',
    });
  }
  const result = manifestSchema.safeParse(raw);
  if (!result.success) {
    throw new UserError('invalid-template-manifest', `${file} has invalid settings:`, {
      exitCode: EXIT.invalidInput,
      details: formatIssues(result.error.issues),
      hint: 'A template.yaml holds `description: <one line>` and `required_sections: [summary, impact, ...]`. Nothing was written.',
    });
  }
  return { description: result.data.description, requiredSections: result.data.required_sections };
}
