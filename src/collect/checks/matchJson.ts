/**
 * `expect_json` of an endpoint check: a path into the JSON body (`data.status`,
 * `items[0].id`), optionally with the value it must have (`data.status=healthy`).
 * Pure: parse once at the boundary, then check a parsed body.
 */

export interface JsonExpectation {
  /** Keys and indexes, e.g. `['data', 'items', 0, 'id']`. */
  path: (string | number)[];
  /** The path as written, without a leading `$.`. */
  pathText: string;
  /** The expected value as text; null when the path only has to exist. */
  value: string | null;
}

export type JsonExpectationResult = { ok: true; value: JsonExpectation } | { ok: false; error: string };

const SEGMENT = /^([^.[\]]*)((?:\[\d+\])*)$/;

/** Parses `data.status=healthy`, `items[0].id=3`, `$.ok=true` or `data.status` (existence only). */
export function parseJsonExpectation(text: string): JsonExpectationResult {
  const eq = text.indexOf('=');
  const pathText = (eq === -1 ? text : text.slice(0, eq)).trim().replace(/^\$\.?/, '');
  const value = eq === -1 ? null : text.slice(eq + 1).trim();
  const fail = { ok: false, error: `"${text}" is not a JSON path: write data.status or data.status=healthy` } as const;
  if (pathText === '') return fail;
  const path: (string | number)[] = [];
  for (const segment of pathText.split('.')) {
    const match = SEGMENT.exec(segment);
    if (!match || (match[1] === '' && match[2] === '')) return fail;
    if (match[1]) path.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return { ok: true, value: { path, pathText, value } };
}

/** The expectation as people read it: `JSON data.status=healthy` or `JSON has data.status`. */
export function describeJson(expectation: JsonExpectation): string {
  return expectation.value === null ? `JSON has ${expectation.pathText}` : `JSON ${expectation.pathText}=${expectation.value}`;
}

/**
 * Checks a parsed JSON body; null when it holds, else why not. A value matches when its
 * text equals the expected text (`3`, `true`, `null`, `healthy`) or, for objects and
 * lists, when their JSON equals it.
 */
export function checkJson(expectation: JsonExpectation, body: unknown): string | null {
  let current: unknown = body;
  for (const key of expectation.path) {
    if (typeof key === 'number' ? !Array.isArray(current) || key >= current.length : !isObject(current) || !Object.hasOwn(current, key)) {
      return `JSON has no ${expectation.pathText}`;
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  if (expectation.value === null || valueText(current) === expectation.value) return null;
  return `JSON ${expectation.pathText} is ${shorten(JSON.stringify(current) ?? 'undefined')}, expected ${JSON.stringify(expectation.value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
