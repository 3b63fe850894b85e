import yaml from 'js-yaml';
import { EXIT, UserError } from '../errors.js';
import { readDumpedYaml } from './dumpedYaml.js';

/**
 * Parses a YAML document the way every postmortem file is read: the CORE
 * schema (timestamps stay strings), a BOM ignored, and a syntax error turned
 * into a UserError with the line, the column and the snippet. Files in the
 * form `serializeIncident` writes take a fast reader that returns what js-yaml
 * would; anything else (hand-edited styles, mistakes) goes to js-yaml itself.
 */
export function loadYaml(text: string, fileName: string, hint: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fast = readDumpedYaml(source);
  if (fast !== undefined) return fast;
  try {
    return yaml.load(source, { schema: yaml.CORE_SCHEMA, filename: fileName });
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    const where = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    throw new UserError('invalid-yaml', `${fileName} is not valid YAML${where}: ${error.reason}.`, {
      exitCode: EXIT.invalidInput,
      details: error.mark?.snippet ? error.mark.snippet.split('\n') : [],
      hint,
    });
  }
}
