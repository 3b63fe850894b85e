import { z } from 'zod';
import { isCanonicalTimestamp, parseTimestamp } from './time.js';

/**
 * The incident record: the one shape shared by the database, the file form
 * (`incidents/<id>.yaml`), `show --json` and the template view model's input.
 * Validated here, at the boundary; everything inside trusts these types.
 */

export const INCIDENT_STATUSES = ['draft', 'in-review', 'published'] as const;
export const ACTION_KINDS = ['prevent', 'detect', 'mitigate', 'process'] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export const STEP_STATUSES = ['done', 'failed', 'skipped', 'pending'] as const;
export const EVENT_KINDS = [
  'started',
  'detected',
  'investigation',
  'change',
  'commit',
  'deploy',
  'build',
  'verified',
  'mitigated',
  'resolved',
  'error',
  'note',
] as const;
export const EVENT_SOURCES = ['manual', 'log', 'commit', 'check'] as const;
export const CHECK_PHASES = ['before', 'after'] as const;
/** Section keys of the default template; extra sections are placed after one of them. */
export const SECTION_KEYS = [
  'summary',
  'impact',
  'factors',
  'solution',
  'deployment',
  'verification',
  'environment',
  'warnings',
  'timeline',
  'lessons',
  'prevention',
  'next-steps',
  'metrics',
  'conclusion',
] as const;

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;

// Kept as written (a log line's indentation matters); only an all-blank value is refused.
const text = z.string().refine((value) => value.trim().length > 0, 'must not be empty');
// Checks that rewrite the value, not transforms: zod runs them without a pipe per
// field, which halves validation time on large imports.
/** Optional text: missing, null or blank all become null. */
const optionalText = z
  .string()
  .nullable()
  .default(null)
  .check((ctx) => {
    if (ctx.value !== null && ctx.value.trim() === '') ctx.value = null;
  });
const stringList = z.array(text).default([]);

/** A timestamp with an explicit offset (or Z); rewritten to its canonical text, offset kept. */
const timestamp = z.string().check((ctx) => {
  // Already canonical (as every written record is): nothing to rewrite.
  if (isCanonicalTimestamp(ctx.value)) return;
  const parsed = parseTimestamp(ctx.value);
  if (parsed.ok) ctx.value = parsed.value.text;
  else ctx.issues.push({ code: 'custom', message: parsed.error, input: ctx.value });
});
const optionalTimestamp = timestamp.nullable().default(null);
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const dateOnly = z
  .string()
  .check((ctx) => {
    if (!DATE_PATTERN.test(ctx.value) || Number.isNaN(Date.parse(`${ctx.value}T00:00:00Z`))) {
      ctx.issues.push({ code: 'custom', message: `"${ctx.value}" is not a date like 2026-01-31`, input: ctx.value });
    }
  })
  .nullable()
  .default(null);

export const factorSchema = z.strictObject({
  text,
  tags: stringList,
});

export const deploymentStepSchema = z.strictObject({
  text,
  status: z.enum(STEP_STATUSES).default('done'),
  detail: optionalText,
});

export const extraSectionSchema = z.strictObject({
  heading: text,
  body: z.string().default(''),
  after: z.enum(SECTION_KEYS).nullable().default(null),
});

export const logEventSchema = z.strictObject({
  time: optionalTimestamp,
  level: z.string().trim().toLowerCase().default('info'),
  source: optionalText,
  message: text,
  fingerprint: optionalText,
  count: z.number().int().positive().default(1),
  last_seen: optionalTimestamp,
  /** A lifecycle marker (`build-started`, `migration-failed`, `crashed`, `started`, `healthy`, ...); null for an error group or a plain line. */
  marker: optionalText,
  /** Lines around the first occurrence, redacted. */
  excerpt: optionalText,
});

/** What a log collector read: one entry per file or stream. */
export const logSourceSchema = z.strictObject({
  source: text,
  file: optionalText,
  format: text,
  lines: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Lines per level, e.g. `{ error: 3, warn: 1, info: 120 }`. */
  levels: z.record(z.string(), z.number().int().nonnegative()).default({}),
  first_time: optionalTimestamp,
  last_time: optionalTimestamp,
});

/** What redaction masked before anything was stored: kinds and counts, never the secret. */
export const redactionSchema = z.strictObject({
  kind: text,
  count: z.number().int().positive(),
  source: optionalText,
});

export const commitFileSchema = z.strictObject({
  path: text,
  insertions: z.number().int().nonnegative().default(0),
  deletions: z.number().int().nonnegative().default(0),
});

export const commitSchema = z.strictObject({
  repo: optionalText,
  hash: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{4,64}$/i, 'must be a hex commit hash'),
  author: optionalText,
  authored_at: optionalTimestamp,
  committed_at: optionalTimestamp,
  subject: text,
  body: optionalText,
  fix: z.boolean().default(false),
  merge: z.boolean().default(false),
  tags: stringList,
  files: z.array(commitFileSchema).default([]),
  diff: optionalText,
  diff_language: optionalText,
});

export const checkSchema = z.strictObject({
  url: text,
  method: z
    .string()
    .default('GET')
    .check((ctx) => {
      ctx.value = ctx.value.trim().toUpperCase();
    }),
  expect: optionalText,
  // `200`, `2xx` or `not-404`; YAML may give a bare number.
  expect_status: z
    .union([z.string(), z.number().int()])
    .nullable()
    .default(null)
    .check((ctx) => {
      if (ctx.value !== null) ctx.value = String(ctx.value).trim() || null;
    }),
  result: optionalText,
  passed: z.boolean(),
  status_code: z.number().int().min(100).max(599).nullable().default(null),
  latency_ms: z.number().nonnegative().nullable().default(null),
  checked_at: optionalTimestamp,
  phase: z.enum(CHECK_PHASES).default('after'),
  error: optionalText,
  /** Tries made (with --retry-until-pass); null for a single try. */
  attempts: z.number().int().positive().nullable().default(null),
  /** When a retried check first passed. */
  recovered_at: optionalTimestamp,
});

export const envCheckSchema = z.strictObject({
  name: text,
  required: z.boolean().default(true),
  set: z.boolean(),
  shape: optionalText,
  note: optionalText,
});

export const warningSchema = z.strictObject({
  text,
  source: optionalText,
});

export const timelineEventSchema = z.strictObject({
  time: timestamp,
  text,
  kind: z.enum(EVENT_KINDS).default('note'),
  source: z.enum(EVENT_SOURCES).default('manual'),
});

export const lessonSchema = z.strictObject({
  text,
  category: optionalText,
  tags: stringList,
});

export const actionSchema = z.strictObject({
  id: z.number().int().positive().nullable().default(null),
  text,
  kind: z.enum(ACTION_KINDS).default('prevent'),
  owner: optionalText,
  due: dateOnly,
  priority: z.enum(PRIORITIES).default('medium'),
  status: z.enum(ACTION_STATUSES).default('open'),
  tracker: optionalText,
  created_at: optionalTimestamp,
  closed_at: optionalTimestamp,
});

export const metricSchema = z.strictObject({
  name: text,
  value: text,
});

export const timesSchema = z
  .strictObject({
    started: optionalTimestamp,
    detected: optionalTimestamp,
    mitigated: optionalTimestamp,
    resolved: optionalTimestamp,
  })
  .default({ started: null, detected: null, mitigated: null, resolved: null });

export const evidenceSchema = z
  .strictObject({
    logs: z.array(logEventSchema).default([]),
    log_sources: z.array(logSourceSchema).default([]),
    commits: z.array(commitSchema).default([]),
    checks: z.array(checkSchema).default([]),
    env: z.array(envCheckSchema).default([]),
    warnings: z.array(warningSchema).default([]),
    redactions: z.array(redactionSchema).default([]),
  })
  .default({ logs: [], log_sources: [], commits: [], checks: [], env: [], warnings: [], redactions: [] });

export const incidentSchema = z.strictObject({
  id: z.string().trim().regex(ID_PATTERN, 'must be lowercase letters, digits and dashes, like 2026-01-05-db-migration-crash'),
  title: text,
  status: z.enum(INCIDENT_STATUSES).default('draft'),
  severity: optionalText,
  services: stringList,
  environment: optionalText,
  authors: stringList,
  tags: stringList,
  times: timesSchema,
  summary: optionalText,
  impact: optionalText,
  factors: z.array(factorSchema).default([]),
  trigger: optionalText,
  solution: optionalText,
  deployment: z.array(deploymentStepSchema).default([]),
  conclusion: optionalText,
  sections: z.array(extraSectionSchema).default([]),
  evidence: evidenceSchema,
  timeline: z.array(timelineEventSchema).default([]),
  lessons: z.array(lessonSchema).default([]),
  actions: z.array(actionSchema).default([]),
  metrics: z.array(metricSchema).default([]),
  created_at: optionalTimestamp,
  updated_at: optionalTimestamp,
});

/** A validated incident record. Timestamps are ISO 8601 strings with their original offset. */
export type Incident = z.output<typeof incidentSchema>;
export type IncidentInput = z.input<typeof incidentSchema>;
export type Factor = z.output<typeof factorSchema>;
export type DeploymentStep = z.output<typeof deploymentStepSchema>;
export type ExtraSection = z.output<typeof extraSectionSchema>;
export type LogEvent = z.output<typeof logEventSchema>;
export type LogSource = z.output<typeof logSourceSchema>;
export type Redaction = z.output<typeof redactionSchema>;
export type Commit = z.output<typeof commitSchema>;
export type CommitFile = z.output<typeof commitFileSchema>;
export type EndpointCheck = z.output<typeof checkSchema>;
export type EnvCheck = z.output<typeof envCheckSchema>;
export type Warning = z.output<typeof warningSchema>;
export type TimelineEvent = z.output<typeof timelineEventSchema>;
export type Lesson = z.output<typeof lessonSchema>;
export type ActionItem = z.output<typeof actionSchema>;
export type Metric = z.output<typeof metricSchema>;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type SectionKey = (typeof SECTION_KEYS)[number];
