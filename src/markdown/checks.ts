import type { Table } from 'mdast';
import type { IncidentInput } from '../record/schema.js';
import { plainText, sliceNodes } from './outline.js';

/** An endpoint check as the record accepts it. */
export type CheckInput = NonNullable<NonNullable<IncidentInput['evidence']>['checks']>[number];

type Role = 'endpoint' | 'method' | 'expect' | 'result' | 'status' | 'code';

const COLUMNS: ReadonlyArray<readonly [Role, RegExp]> = [
  ['endpoint', /^(endpoint|url|uri|path|route|request|api)s?\b/i],
  ['method', /^(method|verb|http method)$/i],
  ['expect', /expect|should|wanted/i],
  ['code', /^(http )?(status )?code$|^http( status)?$/i],
  ['result', /result|response|outcome|actual|observed|got\b/i],
  ['status', /status|pass|ok\b|check|state/i],
];

const METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S.*)$/i;

/**
 * Reads an endpoint verification table (an endpoint or URL column and a result
 * or status column) into endpoint checks: URL or path, method, expectation,
 * result, status code and pass/fail. Null when the table is not one. `phase`
 * is "before" when the heading above says so, else "after"; a relative path
 * is joined to `baseUrl` when one is known.
 */
export function checksFromTable(table: Table, source: string, options: { phase: 'before' | 'after'; baseUrl: string | null }): CheckInput[] | null {
  const [header, ...rows] = table.children;
  if (!header || rows.length === 0) return null;
  const roles = new Map<Role, number>();
  header.children.forEach((cell, index) => {
    const title = plainText(cell).trim();
    const role = COLUMNS.find(([name, pattern]) => pattern.test(title) && !roles.has(name));
    if (role) roles.set(role[0], index);
  });
  if (!roles.has('endpoint') || !(roles.has('result') || roles.has('status') || roles.has('code'))) return null;
  const checks: CheckInput[] = [];
  for (const row of rows) {
    const cell = (role: Role): string => {
      const index = roles.get(role);
      const node = index === undefined ? undefined : row.children[index];
      return node ? sliceNodes(source, node.children).trim() : '';
    };
    const plain = (role: Role): string => {
      const index = roles.get(role);
      const node = index === undefined ? undefined : row.children[index];
      return node ? plainText(node).trim() : '';
    };
    let target = plain('endpoint');
    if (!target) continue;
    let method = plain('method').toUpperCase();
    const prefixed = METHOD.exec(target);
    if (prefixed) {
      method ||= (prefixed[1] ?? '').toUpperCase();
      target = (prefixed[2] ?? '').trim();
    }
    if (!/^(https?:\/\/|\/)/i.test(target)) return null;
    const expect = cell('expect');
    const result = cell('result');
    const status = plain('status');
    const code = statusCode(plain('code')) ?? statusCode(status) ?? statusCodeIn(plain('result'));
    const expectStatus = expectedStatus(plain('expect'));
    const check: CheckInput = {
      url: target.startsWith('/') && options.baseUrl ? `${options.baseUrl.replace(/\/+$/, '')}${target}` : target,
      method: method || 'GET',
      passed: passed(status, plain('result'), code, expectStatus),
      phase: options.phase,
    };
    if (expect) check.expect = expect;
    if (expectStatus) check.expect_status = expectStatus;
    const bare = status.replace(/\p{Extended_Pictographic}|\ufe0f/gu, '').trim();
    const outcome = result || (bare && !/^\W*(pass(ed)?|ok|fail(ed)?|success|error|[1-5]\d\d)\W*$/i.test(bare) ? status : '');
    if (outcome) check.result = outcome;
    if (code !== null) check.status_code = code;
    checks.push(check);
  }
  return checks.length > 0 ? checks : null;
}

/** A 3-digit HTTP status in a cell: `200`, `HTTP 404`, `401 Unauthorized`. */
function statusCode(text: string): number | null {
  const match = /(?:^|\bHTTP\s*|\()([1-5]\d\d)\b/i.exec(text.trim());
  return match?.[1] ? Number(match[1]) : null;
}

/** An HTTP status named in prose: `HTTP 200`, `status 404`, `returned 401`. */
function statusCodeIn(text: string): number | null {
  const match = /\b(?:HTTP(?:\/\d(?:\.\d)?)?|status(?: code)?|returned|returns|responded(?: with)?)\s*:?\s*([1-5]\d\d)\b/i.exec(text);
  return match?.[1] ? Number(match[1]) : null;
}

/** `not 404` / `not-404` / `(200)` / `2xx` from an expectation. */
function expectedStatus(text: string): string | null {
  const negated = /\bnot[ -]?([1-5]\d\d)\b/i.exec(text);
  if (negated) return `not-${negated[1]}`;
  const code = /\b([1-5](?:\d\d|xx))\b/i.exec(text);
  return code?.[1] ? code[1].toLowerCase() : null;
}

function passed(status: string, result: string, code: number | null, expectStatus: string | null): boolean {
  const words = `${status} ${status ? '' : result}`;
  if (/\u274c|\u2716|\bfail(ed|s|ing)?\b|\berror\b|\bdown\b|\bbroken\b/i.test(status)) return false;
  if (/\u2705|\u2714|\bpass(ed|es)?\b|\bok\b|\bsuccess(ful)?\b|\bworking\b|\bup\b/i.test(words)) return true;
  if (code !== null && expectStatus) {
    if (expectStatus.startsWith('not-')) return String(code) !== expectStatus.slice(4);
    if (expectStatus.endsWith('xx')) return String(code).charAt(0) === expectStatus.charAt(0);
    return String(code) === expectStatus;
  }
  if (code !== null) return code < 400;
  return !/\bfail|\berror\b|\btimeout\b|\btimed out\b/i.test(result);
}

/** A base URL the document names (`**Service URL:** https://…`, `Base URL: …`), for relative endpoint paths. */
export function findBaseUrl(source: string): string | null {
  const match = /\b(?:service|base|public|app|api|production|site)\s+url\**\s*:?\**\s*:?\s*<?`?(https?:\/\/[^\s`>)*]+)/i.exec(source);
  return match?.[1]?.replace(/[.,;]+$/, '').replace(/\/+$/, '') ?? null;
}
