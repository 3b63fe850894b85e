import type { EndpointCheck } from '../../record/schema.js';
import { formatTimestamp } from '../../record/time.js';
import type { Redactor } from '../../redact/redact.js';
import { type CheckSpec, describeExpect } from './checkSpec.js';
import { type HttpOutcome, httpRequest } from './httpRequest.js';
import { checkJson } from './matchJson.js';
import { describeStatus, matchStatus } from './matchStatus.js';

export interface RunChecksOptions {
  /** Before or after the fix; kept on each result. */
  phase: 'before' | 'after';
  /** Retry failed checks until they pass or this much time has passed (`--retry-until-pass`). */
  retryUntilPassMs?: number;
  /** Pause between retry rounds (default 2 s). */
  retryIntervalMs?: number;
  /** Checks in flight at once (default 16). */
  concurrency?: number;
}

export interface RunChecksContext {
  /** Clock for `checked_at` and `recovered_at`. */
  now: () => Date;
  /** Body excerpts, reasons and URLs pass through it. */
  redactor: Pick<Redactor, 'redact'>;
  /** Default: Node's global fetch. */
  fetch?: typeof fetch;
}

export interface RunChecksResult {
  /** One result per spec, in the order given. */
  checks: EndpointCheck[];
  /** Checks that could not reach an HTTP answer (timeout, refused, DNS, TLS, …). */
  warnings: string[];
}

const EXCERPT_CHARS = 200;
const REDACT_WINDOW = 8 * 1024;
const BINARY_TYPE = /^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip|x-tar|wasm|x-protobuf|protobuf)/i;

interface Attempt {
  checkedAt: string;
  outcome: HttpOutcome;
  passed: boolean;
  /** Why it failed: the network reason or the unmet expectations. */
  error: string | null;
  result: string | null;
}

/**
 * Runs endpoint checks concurrently and records each as an `EndpointCheck`: status,
 * latency (0.1 ms), a one-line redacted body excerpt, what was expected and, when it
 * failed, why. Network failures are failed checks (and warnings), never exceptions.
 * With `retryUntilPassMs`, failed checks are tried again in rounds until they pass or
 * the time is up; `attempts` and `recovered_at` say how it went.
 */
export async function runChecks(specs: readonly CheckSpec[], options: RunChecksOptions, ctx: RunChecksContext): Promise<RunChecksResult> {
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const retrying = options.retryUntilPassMs !== undefined && options.retryUntilPassMs > 0;
  const interval = Math.max(0, options.retryIntervalMs ?? 2000);
  const deadline = performance.now() + (options.retryUntilPassMs ?? 0);
  const fetchImpl = ctx.fetch ?? fetch;

  const first = await mapConcurrent(specs, concurrency, (spec) => attempt(spec, ctx, fetchImpl));
  const last = [...first];
  const attempts = specs.map(() => 1);
  if (retrying) {
    for (;;) {
      const pending = last.flatMap((result, index) => (result.passed || (!result.outcome.ok && result.outcome.permanent) ? [] : [index]));
      const left = deadline - performance.now();
      if (pending.length === 0 || left <= 0) break;
      await sleep(Math.min(interval, left));
      const again = await mapConcurrent(pending, concurrency, (index) => attempt(specs[index] as CheckSpec, ctx, fetchImpl));
      pending.forEach((index, i) => {
        last[index] = again[i] as Attempt;
        attempts[index] = (attempts[index] ?? 1) + 1;
      });
    }
  }

  const checks: EndpointCheck[] = [];
  const warnings: string[] = [];
  specs.forEach((spec, index) => {
    const start = first[index] as Attempt;
    const end = last[index] as Attempt;
    const tries = attempts[index] ?? 1;
    const url = displayUrl(spec.url, ctx.redactor);
    let error = end.error;
    if (error !== null && tries > 1) error = `${error} (still failing after ${tries} attempts)`;
    checks.push({
      url,
      method: spec.method,
      expect: describeExpect(spec),
      expect_status: spec.expect_status.text,
      result: end.result,
      passed: end.passed,
      status_code: end.outcome.ok ? end.outcome.status : null,
      latency_ms: end.outcome.ok ? round1(end.outcome.elapsedMs) : null,
      checked_at: start.checkedAt,
      phase: options.phase,
      error,
      attempts: retrying ? tries : null,
      recovered_at: retrying && end.passed && tries > 1 ? end.checkedAt : null,
    });
    if (!end.outcome.ok) warnings.push(`${spec.method} ${url} could not be checked: ${error}`);
  });
  return { checks, warnings };
}

async function attempt(spec: CheckSpec, ctx: RunChecksContext, fetchImpl: typeof fetch): Promise<Attempt> {
  const checkedAt = formatTimestamp(ctx.now().getTime());
  const outcome = await httpRequest({ url: spec.url, method: spec.method, headers: spec.headers, body: spec.body, timeoutMs: spec.timeout_ms }, fetchImpl);
  if (!outcome.ok) return { checkedAt, outcome, passed: false, error: ctx.redactor.redact(outcome.error), result: null };
  const problems = evaluate(spec, outcome);
  return {
    checkedAt,
    outcome,
    passed: problems.length === 0,
    error: problems.length === 0 ? null : ctx.redactor.redact(problems.join('; ')),
    result: excerpt(outcome.body, outcome.contentType, ctx.redactor),
  };
}

/** The expectations a response does not meet, as reasons; empty when it passes. */
function evaluate(spec: CheckSpec, response: Extract<HttpOutcome, { ok: true }>): string[] {
  const problems: string[] = [];
  if (!matchStatus(spec.expect_status, response.status)) {
    problems.push(`expected ${describeStatus(spec.expect_status)}, got ${response.status}`);
  }
  if (spec.expect_json.length > 0) {
    let parsed: unknown;
    let isJson = true;
    try {
      parsed = JSON.parse(response.body.toString('utf8'));
    } catch {
      isJson = false;
    }
    if (!isJson) problems.push('body is not JSON');
    else for (const expectation of spec.expect_json) problems.push(...[checkJson(expectation, parsed)].filter((p): p is string => p !== null));
  }
  if (spec.expect_body !== null && !response.body.toString('utf8').includes(spec.expect_body)) {
    problems.push(`body does not contain ${JSON.stringify(spec.expect_body)}`);
  }
  if (spec.max_latency_ms !== null && response.elapsedMs > spec.max_latency_ms) {
    problems.push(`took ${round1(response.elapsedMs)} ms, over the ${spec.max_latency_ms} ms limit`);
  }
  return problems;
}

/** One line, at most 200 characters, redacted before it is cut (a secret is never half kept). */
export function excerpt(body: Buffer, contentType: string | null, redactor: Pick<Redactor, 'redact'>): string {
  if (body.length === 0) return '(empty body)';
  if (contentType !== null && BINARY_TYPE.test(contentType)) return `(binary body, ${body.length} bytes, ${contentType.split(';')[0]})`;
  const text = body
    .subarray(0, REDACT_WINDOW)
    .toString('utf8')
    .replace(/\uFFFD+$/, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
  const line = redactor.redact(text);
  if (line.length <= EXCERPT_CHARS) return line;
  let cut = line.slice(0, EXCERPT_CHARS - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The URL as the record keeps it: without user:password, redacted (a token in the query). */
function displayUrl(raw: string, redactor: Pick<Redactor, 'redact'>): string {
  let text = raw;
  try {
    const url = new URL(raw);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
      text = url.href;
    }
  } catch {
    // An invalid URL is kept as written; the check says why it failed.
  }
  return redactor.redact(text);
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Maps with at most `limit` calls in flight; results keep the input order. */
async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
