import type { EnvCheck } from '../../record/schema.js';
import { looksRandom } from '../../redact/patterns.js';

export interface EnvNames {
  /** Variables that must be set; `SMTP_*` patterns match several. */
  required: string[];
  /** Variables that may be set. */
  optional: string[];
}

/** Names listed in a pattern's shape; the rest are counted. */
const MAX_LISTED = 10;

/**
 * Which variables are set and what their values look like, never any part of a value.
 *
 * One check per name, required names first, each name once (required wins). A name with `*`
 * is a pattern: it is set when any variable matches, and its shape lists the matching names
 * ("3 variables: SMTP_HOST, SMTP_PORT, SMTP_USER").
 *
 * A variable set to the empty string is "set, empty" (`set: true`, shape `empty`), not "not
 * set": the process does see it, `process.env.X ?? fallback` keeps the empty string rather than
 * the fallback, and an empty secret is often the very fault being written up. Keeping the two
 * apart keeps that evidence; the collector still warns about a required variable left empty.
 */
export function describeEnv(vars: Record<string, string | undefined>, names: EnvNames): EnvCheck[] {
  const checks: EnvCheck[] = [];
  const seen = new Set<string>();
  const entries = [...names.required.map((name) => ({ name, required: true })), ...names.optional.map((name) => ({ name, required: false }))];
  for (const { name, required } of entries) {
    if (seen.has(name)) continue;
    seen.add(name);
    checks.push(name.includes('*') ? describePattern(vars, name, required) : describeOne(vars[name], name, required));
  }
  return checks;
}

function describeOne(value: string | undefined, name: string, required: boolean): EnvCheck {
  return { name, required, set: value !== undefined, shape: value === undefined ? null : shapeOf(value), note: null };
}

function describePattern(vars: Record<string, string | undefined>, pattern: string, required: boolean): EnvCheck {
  const matcher = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  const matched = Object.keys(vars)
    .filter((key) => vars[key] !== undefined && matcher.test(key))
    .sort();
  if (matched.length === 0) return { name: pattern, required, set: false, shape: null, note: null };
  const listed = matched.slice(0, MAX_LISTED).join(', ') + (matched.length > MAX_LISTED ? ` and ${matched.length - MAX_LISTED} more` : '');
  const empty = matched.filter((key) => vars[key] === '');
  const shape = `${plural(matched.length, 'variable')}: ${listed}${empty.length > 0 ? `; empty: ${empty.join(', ')}` : ''}`;
  return { name: pattern, required, set: true, shape, note: null };
}

/**
 * The shape of a value: its kind and length, never its content. A URL gives its scheme and
 * whether it has a password, nothing of its host or path; JSON gives its key or item count.
 */
export function shapeOf(value: string): string {
  if (value === '') return 'empty';
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (trimmed === '') return `whitespace only, ${plural([...value].length, 'char')}`;
  const padded = trimmed === value ? '' : ' (padded with whitespace)';
  return `${kindOf(trimmed, length)}${padded}`;
}

function kindOf(value: string, length: number): string {
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(value);
  if (pem) return pem[1]?.includes('PRIVATE KEY') ? 'PEM private key' : `PEM ${pem[1]?.toLowerCase()}`;
  if (/^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(value)) return 'JWT';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return 'UUID';
  if (/^(?:true|false|yes|no|on|off)$/i.test(value)) return 'boolean';
  if (/^[+-]?\d{1,18}$/.test(value)) return 'integer';
  if (/^\d+$/.test(value)) return `${length}-digit number`;
  if (/^[+-]?\d*\.\d+$/.test(value)) return 'number';
  if (length >= 8 && /^[0-9a-f]+$/i.test(value)) return `${length}-char hex`;
  const url = /^([A-Za-z][A-Za-z0-9+.-]{0,30}):\/\/(\S*)$/.exec(value);
  if (url) return `URL (${url[1]?.toLowerCase()}, ${hasPassword(url[2] ?? '') ? 'with password' : 'no password'})`;
  const json = jsonShape(value);
  if (json) return json;
  if (length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && length % 4 === 0 && mixed(value)) return `base64, ${length} chars`;
  if (length >= 16 && /^[A-Za-z0-9+/_.=-]+$/.test(value) && looksRandom(value)) return `random token, ${length} chars`;
  if (length >= 16 && /^[A-Za-z0-9_-]+$/.test(value) && /[-_]/.test(value) && mixed(value)) return `base64url, ${length} chars`;
  if (/^[^\s,]+(?:,[^\s,]+)+$/.test(value)) return `list of ${value.split(',').length} items`;
  const lines = value.split(/\r?\n/).length;
  return lines > 1 ? `text, ${lines} lines, ${length} chars` : `text, ${length} chars`;
}

/** `user:password@` before the host (the last `@` before the path). */
function hasPassword(afterScheme: string): boolean {
  const userinfo = /^([^/?#]*)@/.exec(afterScheme)?.[1];
  if (userinfo === undefined) return false;
  const colon = userinfo.indexOf(':');
  return colon >= 0 && colon < userinfo.length - 1;
}

function jsonShape(value: string): string | null {
  if (!/^[[{]/.test(value)) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return `JSON array (${plural(parsed.length, 'item')})`;
    if (parsed !== null && typeof parsed === 'object') return `JSON object (${plural(Object.keys(parsed).length, 'key')})`;
  } catch {
    // Not JSON: described as text.
  }
  return null;
}

/** Digits, or both cases: what generated text has and words mostly do not. */
function mixed(value: string): boolean {
  return /\d/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
