/**
 * Expected HTTP statuses of an endpoint check: `200`, `2xx`, `not-404`, or a list
 * (`[200, 201]`, `"200, 204"`). Pure: parse once at the boundary, then match.
 */

/** One status rule: an exact code or a class (`2xx`), possibly negated (`not-404`). */
export interface StatusRule {
  kind: 'code' | 'class';
  /** The code (`404`) or the class digit (`2` for `2xx`). */
  value: number;
  negate: boolean;
}

/** A parsed expectation and its canonical text (`200, 201`, `not-404`), as the record keeps it. */
export interface StatusExpectation {
  rules: StatusRule[];
  text: string;
}

export type StatusExpectationResult = { ok: true; value: StatusExpectation } | { ok: false; error: string };

const TOKEN = /^(not-|!)?(?:([1-5])xx|(\d{3}))$/i;

/** The default when a check names no status: any success. */
export const ANY_SUCCESS: StatusExpectation = { rules: [{ kind: 'class', value: 2, negate: false }], text: '2xx' };

/**
 * Parses `200`, `2xx`, `not-404` (also `!404`), and lists of them as an array or a string
 * separated by commas, `|` or spaces. A status passes when it matches one of the positive
 * rules (if any) and none of the negated ones.
 */
export function parseStatusExpectation(input: string | number | readonly (string | number)[]): StatusExpectationResult {
  const items = Array.isArray(input) ? input : [input];
  const tokens = items.flatMap((item) =>
    String(item)
      .split(/[\s,|]+/)
      .filter(Boolean),
  );
  if (tokens.length === 0) return { ok: false, error: 'is empty: write a status such as 200, 2xx or not-404' };
  const rules: StatusRule[] = [];
  for (const token of tokens) {
    const match = TOKEN.exec(token);
    const classDigit = match?.[2];
    const code = match?.[3];
    if (!match || (code !== undefined && (Number(code) < 100 || Number(code) > 599))) {
      return { ok: false, error: `"${token}" is not a status: write 200, 2xx or not-404 (or a list of them)` };
    }
    rules.push(
      classDigit !== undefined
        ? { kind: 'class', value: Number(classDigit), negate: match[1] !== undefined }
        : { kind: 'code', value: Number(code), negate: match[1] !== undefined },
    );
  }
  return { ok: true, value: { rules, text: rules.map(ruleText).join(', ') } };
}

/** True when `status` satisfies the expectation. */
export function matchStatus(expectation: StatusExpectation, status: number): boolean {
  const positive = expectation.rules.filter((rule) => !rule.negate);
  const negative = expectation.rules.filter((rule) => rule.negate);
  if (positive.length > 0 && !positive.some((rule) => matchRule(rule, status))) return false;
  return !negative.some((rule) => matchRule(rule, status));
}

/** For people: `HTTP 200`, `HTTP 200 or 201`, `HTTP 2xx but not 204`, `not HTTP 404`. */
export function describeStatus(expectation: StatusExpectation): string {
  const positive = expectation.rules.filter((rule) => !rule.negate).map(bareText);
  const negative = expectation.rules.filter((rule) => rule.negate).map(bareText);
  if (positive.length === 0) return `not HTTP ${orList(negative)}`;
  return `HTTP ${orList(positive)}${negative.length > 0 ? ` but not ${orList(negative)}` : ''}`;
}

function matchRule(rule: StatusRule, status: number): boolean {
  return rule.kind === 'code' ? status === rule.value : Math.floor(status / 100) === rule.value;
}

function bareText(rule: StatusRule): string {
  return rule.kind === 'code' ? String(rule.value) : `${rule.value}xx`;
}

function ruleText(rule: StatusRule): string {
  return `${rule.negate ? 'not-' : ''}${bareText(rule)}`;
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
