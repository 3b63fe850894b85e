import fs from 'node:fs';
import { z } from 'zod';
import { EXIT, UserError } from '../../errors.js';
import { formatIssues } from '../../record/issues.js';
import { loadYaml } from '../../record/loadYaml.js';
import { describeJson, type JsonExpectation, parseJsonExpectation } from './matchJson.js';
import { ANY_SUCCESS, describeStatus, parseStatusExpectation, type StatusExpectation } from './matchStatus.js';

/**
 * What an endpoint check asks, validated once at the boundary: from `--url` options or
 * from a checks file:
 *
 *     base_url: https://api.example.com
 *     checks:
 *       - url: /health
 *         expect_status: 200
 *         expect_json: status=healthy
 *       - POST /api/auth/register        # shorthand: [METHOD] URL
 *       - url: /api/budgets/
 *         expect_status: not-404
 *         label: Auth error (not 404)
 */

/** Default time a check may take before it fails as a timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Fails with a message, inside a `transform`. */
function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

const optionalString = z.string().trim().min(1, 'must not be empty').optional();

const statusField = z
  .unknown()
  .optional()
  .transform((value, ctx): StatusExpectation => {
    if (value === undefined || value === null) return ANY_SUCCESS;
    const ok =
      typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'));
    if (!ok) return fail(ctx, 'expected a status such as 200, 2xx or not-404, or a list of them');
    const parsed = parseStatusExpectation(value as string | number | (string | number)[]);
    return parsed.ok ? parsed.value : fail(ctx, parsed.error);
  });

const jsonField = z
  .unknown()
  .optional()
  .transform((value, ctx): JsonExpectation[] => {
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    const out: JsonExpectation[] = [];
    for (const item of items) {
      if (typeof item !== 'string') return fail(ctx, 'expected a JSON path such as data.status=healthy (or a list of them)');
      const parsed = parseJsonExpectation(item);
      if (!parsed.ok) return fail(ctx, parsed.error);
      out.push(parsed.value);
    }
    return out;
  });

const bodyField = z
  .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: 'expected text, or a mapping or list sent as JSON' })
  .optional();

/** One check as written in a file (after the `[METHOD] URL` shorthand is expanded). */
export const checkSpecSchema = z
  .strictObject({
    url: z.string({ error: 'is required (the URL or, with base_url, a path such as /health)' }).trim().min(1, 'must not be empty'),
    method: z
      .string()
      .trim()
      .regex(METHOD, 'is not an HTTP method')
      .default('GET')
      .transform((m) => m.toUpperCase()),
    headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
    body: bodyField,
    expect_status: statusField,
    expect_json: jsonField,
    expect_body: optionalString,
    max_latency_ms: z.number().positive('must be a positive number of milliseconds').optional(),
    timeout_ms: z
      .number()
      .int('must be a whole number of milliseconds')
      .positive('must be a positive number of milliseconds')
      .max(600_000, 'must be at most 600000 (10 minutes)')
      .default(DEFAULT_TIMEOUT_MS),
    /** How the postmortem describes what was expected; generated when missing. */
    label: optionalString,
    /** Same as `label` (the record calls it `expect`). */
    expect: optionalString,
  })
  .transform((raw) => {
    const headers: Record<string, string> = { ...raw.headers };
    let body: string | null = null;
    if (typeof raw.body === 'string') body = raw.body;
    else if (raw.body !== undefined) {
      body = JSON.stringify(raw.body);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    return {
      url: raw.url,
      method: raw.method,
      headers,
      body,
      expect_status: raw.expect_status,
      expect_json: raw.expect_json,
      expect_body: raw.expect_body ?? null,
      max_latency_ms: raw.max_latency_ms ?? null,
      timeout_ms: raw.timeout_ms,
      label: raw.label ?? raw.expect ?? null,
    };
  });

/** A validated check, ready for `runChecks`. */
export type CheckSpec = z.output<typeof checkSpecSchema>;

/** `GET /health` or `/health` → `{ method, url }`; anything else passes through. */
function expandShorthand(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^([A-Za-z]+)\s+(\S+)$/.exec(value.trim());
  return match ? { method: match[1], url: match[2] } : { url: value };
}

/** A checks file: `base_url` (optional) and `checks`; URLs are resolved by `parseChecksFile`. */
export const checksFileSchema = z.strictObject({
  base_url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL such as https://api.example.com' }).optional(),
  checks: z.array(z.preprocess(expandShorthand, checkSpecSchema), { error: 'must be a list of checks' }).min(1, 'must list at least one check'),
});

/** `/health` against `https://api.example.com/v1` → `https://api.example.com/v1/health`; null for a path without a base. */
function resolveUrl(url: string, base: string | undefined): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (!base) return null;
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/**
 * Parses and validates the text of a checks file; throws a UserError listing each bad
 * field (`checks[2].expect_status: "20x" is not a status …`). `baseUrl` overrides the file's.
 */
export function parseChecksFile(text: string, fileName: string, options: { baseUrl?: string } = {}): CheckSpec[] {
  let raw = loadYaml(text, fileName, 'Fix the YAML syntax at the line shown; nothing was checked or written.');
  if (Array.isArray(raw)) raw = { checks: raw };
  if (raw !== null && typeof raw === 'object' && options.baseUrl !== undefined) raw = { ...raw, base_url: options.baseUrl };
  const result = checksFileSchema.safeParse(raw ?? {}, { reportInput: true });
  const details = result.success ? [] : formatIssues(result.error.issues);
  // A path needs a base; said beside the other problems, not after they are fixed.
  const base = result.success ? result.data.base_url : undefined;
  const entries = isRecord(raw) && Array.isArray(raw['checks']) ? raw['checks'] : [];
  entries.forEach((entry, index) => {
    const url = (expandShorthand(entry) as { url?: unknown }).url;
    if (typeof url === 'string' && url.trim() !== '' && resolveUrl(url.trim(), base) === null && !(isRecord(raw) && raw['base_url'] !== undefined)) {
      details.push(`checks[${index}].url: "${url.trim()}" is a path: set base_url (or pass --base-url) so it has a host`);
    }
  });
  if (!result.success || details.length > 0) {
    details.sort((a, b) => checkIndex(a) - checkIndex(b));
    throw new UserError('invalid-checks', `${fileName} has ${details.length === 1 ? 'an invalid field' : `${details.length} invalid fields`}:`, {
      exitCode: EXIT.invalidInput,
      details,
      hint: 'Fix the fields listed above; each check needs a url, and may set method, expect_status (200, 2xx, not-404), expect_json, expect_body, max_latency_ms, timeout_ms and label. Nothing was checked or written.',
    });
  }
  return result.data.checks.map((check) => ({ ...check, url: resolveUrl(check.url, base) ?? check.url }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `checks[3].url: …` → 3; other lines first. */
function checkIndex(line: string): number {
  const match = /^checks\[(\d+)\]/.exec(line);
  return match ? Number(match[1]) : -1;
}

/** Reads and validates a checks file (YAML). */
export function loadCheckFile(file: string, options: { baseUrl?: string } = {}): CheckSpec[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError('file-missing', `Cannot read the checks file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, {
      exitCode: (error as NodeJS.ErrnoException).code === 'ENOENT' ? EXIT.notFound : EXIT.failure,
      hint: 'Check the path given to --file; nothing was checked or written.',
      cause: error,
    });
  }
  return parseChecksFile(text, file, options);
}

/** The `collect checks` options that describe checks, as the command line gives them. */
export interface CheckOptions {
  urls: string[];
  method?: string;
  expectStatus?: string;
  expectJson?: string | string[];
  expectBody?: string;
  maxLatencyMs?: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
  label?: string;
}

const OPTION_NAMES: Record<string, string> = {
  url: '--url',
  method: '--method',
  expect_status: '--expect-status',
  expect_json: '--expect-json',
  expect_body: '--expect-body',
  max_latency_ms: '--max-latency',
  timeout_ms: '--timeout',
  headers: '--header',
  label: '--label',
};

/** One check per `--url`, all with the same expectations; throws a UserError naming each bad option. */
export function specsFromOptions(options: CheckOptions): CheckSpec[] {
  const specs: CheckSpec[] = [];
  const details = new Set<string>();
  // Number("fast") is NaN: say so here, where the option name is known.
  for (const [value, option] of [
    [options.maxLatencyMs, '--max-latency'],
    [options.timeoutMs, '--timeout'],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value)) details.add(`${option}: expected a number of milliseconds, such as 500`);
  }
  for (const url of details.size > 0 ? [] : options.urls) {
    const raw = {
      url,
      method: options.method,
      headers: options.headers,
      expect_status: options.expectStatus,
      expect_json: options.expectJson,
      expect_body: options.expectBody,
      max_latency_ms: options.maxLatencyMs,
      timeout_ms: options.timeoutMs,
      label: options.label,
    };
    const result = checkSpecSchema.safeParse(raw, { reportInput: true });
    if (result.success) specs.push(result.data);
    else {
      for (const issue of result.error.issues) {
        const [line = ''] = formatIssues([{ ...issue, path: [] }]);
        const key = String(issue.path[0] ?? '');
        details.add(`${OPTION_NAMES[key] ?? key}: ${line.replace(/^\(record\): /, '')}`);
      }
    }
  }
  if (details.size > 0) {
    throw new UserError('invalid-checks', `${details.size === 1 ? 'An option is' : `${details.size} options are`} invalid:`, {
      exitCode: EXIT.invalidInput,
      details: [...details],
      hint: 'Fix the options listed above (for example --expect-status 200, 2xx or not-404); nothing was checked or written.',
    });
  }
  return specs;
}

/** What the record's `expect` says: the label, or e.g. `HTTP 200, JSON status=healthy, under 500 ms`. */
export function describeExpect(spec: CheckSpec): string {
  if (spec.label) return spec.label;
  const parts = [describeStatus(spec.expect_status), ...spec.expect_json.map(describeJson)];
  if (spec.expect_body !== null) parts.push(`body contains ${JSON.stringify(spec.expect_body)}`);
  if (spec.max_latency_ms !== null) parts.push(`under ${spec.max_latency_ms} ms`);
  return parts.join(', ');
}
