import yaml from 'js-yaml';
import { EXIT, UserError } from '../errors.js';

/**
 * Parses a YAML document the way every postmortem file is read: the CORE
 * schema (timestamps stay strings), a BOM ignored, and a syntax error turned
 * into a UserError with the line, the column and the snippet.
 */
export function loadYaml(text: string, fileName: string, hint: string): unknown {
  try {
    return yaml.load(text.replace(/^\uFEFF/, ''), { schema: yaml.CORE_SCHEMA, filename: fileName });
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
