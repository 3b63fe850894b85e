import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { parseDuration } from '../cli/duration.js';
import { parseTimeOption } from '../cli/parseTime.js';
import { openSession } from '../cli/workspaceDb.js';
import { applyChecks, applyCommits, applyEnv, applyLogs, type RedactionCounts } from '../collect/applyEvidence.js';
import { EXIT, UserError } from '../errors.js';
import { getIncident, updateIncident } from '../incidents/store.js';
import type { Commit, Incident, LogEvent } from '../record/schema.js';
import { findIncidentsSeenBefore, type SeenBefore } from '../similar/similar.js';

/**
 * `postmortem collect logs|commits|checks|env`: each collector gathers its
 * evidence first (outside any transaction: a 2 GB log takes a while), then
 * adds it to the incident in one transaction. Warnings are printed at the end;
 * with --strict they make the exit code 7.
 */

interface CommonOptions {
  json?: boolean;
  strict?: boolean;
}

function requireIncident(ctx: Context, globals: GlobalOptions, id: string): void {
  const { db } = openSession(ctx, globals);
  try {
    getIncident(db, id);
  } finally {
    db.close();
  }
}

function save(ctx: Context, globals: GlobalOptions, id: string, change: (incident: Incident) => Incident): Incident {
  const { db } = openSession(ctx, globals);
  try {
    return updateIncident(db, id, ctx.now(), change);
  } finally {
    db.close();
  }
}

function finish(ctx: Context, options: CommonOptions, summary: string, warnings: string[], redactions: RedactionCounts, data: unknown): void {
  if (options.json) {
    ctx.stdout(`${JSON.stringify(data, null, 2)}\n`);
  } else {
    const masked = Object.entries(redactions).filter(([, n]) => n > 0);
    const lines = [summary];
    if (masked.length > 0) lines.push(`Masked before storing: ${masked.map(([kind, n]) => `${kind} ×${n}`).join(', ')}`);
    ctx.stdout(`${lines.join('\n')}\n`);
  }
  for (const warning of warnings) ctx.stderr(`warning: ${warning}\n`);
  if (warnings.length > 0 && options.strict) {
    throw new UserError('warnings', `${warnings.length} warning${warnings.length === 1 ? '' : 's'} (--strict).`, {
      exitCode: EXIT.warnings,
      hint: 'The evidence was saved; the warnings above say what could not be collected.',
    });
  }
}

const plural = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

interface LogOptions extends CommonOptions {
  format?: string;
  source?: string;
  tz?: string;
  since?: string;
  until?: string;
}

/** `postmortem collect logs ID FILE|-` */
export async function runCollectLogs(ctx: Context, globals: GlobalOptions, id: string, input: string, options: LogOptions): Promise<void> {
  requireIncident(ctx, globals, id);
  const { workspace } = openSessionInfo(ctx, globals);
  const { collectLogs } = await import('../collect/logs/collectLogs.js');
  const progress = ctx.stderrIsTTY ? await progressBar() : undefined;
  const source = options.source ?? (input === '-' ? 'stdin' : path.basename(input));
  const zone = options.tz ?? workspace.config.timezone;
  const since = options.since ? parseTimeOption(options.since, '--since', zone, ctx.now()) : undefined;
  const until = options.until ? parseTimeOption(options.until, '--until', zone, ctx.now()) : undefined;
  const collection = await collectLogs(
    input,
    { format: options.format, source, tz: zone, since, until },
    { stdin: ctx.stdin, cwd: ctx.cwd, now: ctx.now, progress: progress?.update },
  );
  progress?.done();
  save(ctx, globals, id, (incident) => applyLogs(incident, collection));
  const groups = collection.events.filter((e) => !e.marker).length;
  const markers = collection.events.length - groups;
  const s = collection.source;
  const seenBefore = lookUpSeenBefore(ctx, globals, id, collection.events);
  finish(
    ctx,
    options,
    `${id}: read ${plural(s.lines, 'line')} from ${source} (${s.format}): ${plural(groups, 'error/warning group')}, ${plural(markers, 'lifecycle marker')}${describeSeenBefore(seenBefore)}`,
    collection.warnings,
    collection.redactions,
    { ...collection, seen_before: seenBefore },
  );
}

/** Earlier incidents whose logs had the errors just collected (read after the save, in its own connection). */
function lookUpSeenBefore(ctx: Context, globals: GlobalOptions, id: string, events: LogEvent[]): SeenBefore[] {
  const fingerprints = events.filter((e) => !e.marker && e.fingerprint).map((e) => e.fingerprint as string);
  if (fingerprints.length === 0) return [];
  const { db } = openSession(ctx, globals);
  try {
    return findIncidentsSeenBefore(db, fingerprints, id);
  } finally {
    db.close();
  }
}

/** The "seen before" block printed under the summary: each earlier incident, its lessons and its open actions. */
function describeSeenBefore(seen: SeenBefore[]): string {
  if (seen.length === 0) return '';
  const shown = seen.slice(0, SEEN_BEFORE_SHOWN);
  const lines = [
    '',
    '',
    `Seen before: ${plural(seen.length, 'earlier incident')} had these errors${seen.length > shown.length ? ` (the ${shown.length} closest below; --json lists all)` : ''}:`,
  ];
  for (const incident of shown) {
    lines.push(`  ${incident.id}${incident.started ? ` (${incident.started.slice(0, 10)})` : ''}: ${incident.title}`);
    for (const fingerprint of incident.fingerprints.slice(0, 3))
      lines.push(`    same error: ${fingerprint.length > 100 ? `${fingerprint.slice(0, 99)}…` : fingerprint}`);
    for (const lesson of incident.lessons) lines.push(`    lesson: ${lesson}`);
    for (const action of incident.open_actions) {
      const who = [action.owner, action.due ? `due ${action.due}` : null, action.status === 'open' ? null : action.status].filter(Boolean).join(', ');
      lines.push(`    open action #${action.number}: ${action.text}${who ? ` (${who})` : ''}`);
    }
  }
  return lines.join('\n');
}

/** Earlier incidents printed in full after `collect logs`; --json has all of them. */
const SEEN_BEFORE_SHOWN = 5;

async function progressBar(): Promise<{ update: (read: number, total: number | null) => void; done: () => void }> {
  const { createProgressBar } = await import('../collect/logs/progress.js');
  return createProgressBar(process.stderr);
}

function openSessionInfo(ctx: Context, globals: GlobalOptions) {
  const session = openSession(ctx, globals);
  session.db.close();
  return session;
}

interface CommitOptions extends CommonOptions {
  repo?: string[];
  since?: string;
  until?: string;
  range?: string;
  path?: string[];
  fix?: string;
}

/** `postmortem collect commits ID` */
export async function runCollectCommits(ctx: Context, globals: GlobalOptions, id: string, options: CommitOptions): Promise<void> {
  if (!options.range && !options.since) {
    throw new UserError('missing-window', 'Say which commits to collect: --since T [--until T] or --range A..B.', {
      exitCode: EXIT.usage,
      hint: 'For example: postmortem collect commits ID --since "2026-01-05 16:00" --until "2026-01-05 18:00". Nothing was written.',
    });
  }
  requireIncident(ctx, globals, id);
  const zone = openSessionInfo(ctx, globals).workspace.config.timezone;
  const since = options.since ? parseTimeOption(options.since, '--since', zone, ctx.now()) : undefined;
  const until = options.until ? parseTimeOption(options.until, '--until', zone, ctx.now()) : undefined;
  const { collectCommits } = await import('../collect/git/collectCommits.js');
  const { createRedactor } = await import('../redact/redact.js');
  const repos = options.repo?.length ? options.repo : ['.'];
  const results: { repo: string; commits: Commit[]; warnings: string[]; redactions: RedactionCounts }[] = [];
  for (const repo of repos) {
    const redactor = createRedactor();
    const result = await collectCommits(
      { repo: path.resolve(ctx.cwd, repo), since, until, range: options.range, paths: options.path, fix: options.fix },
      { cwd: ctx.cwd, redactor },
    );
    results.push({ repo, ...result, redactions: redactor.counts() });
  }
  save(ctx, globals, id, (incident) =>
    results.reduce(
      (current, r) => applyCommits(current, r.commits[0]?.repo ?? path.basename(path.resolve(ctx.cwd, r.repo)), r.commits, r.warnings, r.redactions),
      incident,
    ),
  );
  const commits = results.flatMap((r) => r.commits);
  const fix = commits.find((c) => c.fix);
  finish(
    ctx,
    options,
    `${id}: ${plural(commits.length, 'commit')} from ${plural(repos.length, 'repository').replace('repositorys', 'repositories')}${fix ? `; fix ${fix.hash.slice(0, 7)} ${fix.subject}` : ''}`,
    results.flatMap((r) => r.warnings),
    mergeCounts(results.map((r) => r.redactions)),
    results.map(({ repo, commits: c, warnings }) => ({ repo, commits: c, warnings })),
  );
}

interface CheckOptions extends CommonOptions {
  url?: string[];
  method?: string;
  expectStatus?: string;
  expectJson?: string;
  expectBody?: string;
  maxLatency?: string;
  timeout?: string;
  file?: string;
  baseUrl?: string;
  phase: 'before' | 'after';
  retryUntilPass?: string;
}

/** `postmortem collect checks ID` */
export async function runCollectChecks(ctx: Context, globals: GlobalOptions, id: string, options: CheckOptions): Promise<void> {
  if (!options.file && !options.url?.length) {
    throw new UserError('missing-checks', 'Say what to check: --url URL (repeatable) or --file checks.yaml.', {
      exitCode: EXIT.usage,
      hint: 'For example: postmortem collect checks ID --url https://api.example.com/health --expect-status 200. Nothing was written.',
    });
  }
  requireIncident(ctx, globals, id);
  const retryUntilPassMs = options.retryUntilPass ? parseDuration(options.retryUntilPass, '--retry-until-pass') : undefined;
  const { loadCheckFile, specsFromOptions } = await import('../collect/checks/checkSpec.js');
  const { runChecks } = await import('../collect/checks/runChecks.js');
  const { createRedactor } = await import('../redact/redact.js');
  const specs = options.file
    ? loadCheckFile(path.resolve(ctx.cwd, options.file), { baseUrl: options.baseUrl })
    : specsFromOptions({
        urls: options.url ?? [],
        method: options.method,
        expectStatus: options.expectStatus,
        expectJson: options.expectJson,
        expectBody: options.expectBody,
        maxLatencyMs: options.maxLatency === undefined ? undefined : Number(options.maxLatency),
        timeoutMs: options.timeout === undefined ? undefined : Number(options.timeout),
      });
  const redactor = createRedactor();
  const result = await runChecks(specs, { phase: options.phase, retryUntilPassMs }, { now: ctx.now, redactor });
  save(ctx, globals, id, (incident) => applyChecks(incident, result.checks, result.warnings, redactor.counts()));
  const passed = result.checks.filter((c) => c.passed).length;
  finish(
    ctx,
    options,
    `${id}: ${passed} of ${plural(result.checks.length, 'check')} passed (${options.phase} the fix)`,
    result.warnings,
    redactor.counts(),
    result,
  );
  for (const check of result.checks.filter((c) => !c.passed))
    ctx.stderr(`failed: ${check.method} ${check.url}: ${check.error ?? check.result ?? 'unexpected response'}\n`);
}

interface EnvOptions extends CommonOptions {
  required?: string[];
  optional?: string[];
  from?: string;
}

/** `postmortem collect env ID` */
export async function runCollectEnv(ctx: Context, globals: GlobalOptions, id: string, options: EnvOptions): Promise<void> {
  if (!options.required?.length && !options.optional?.length) {
    throw new UserError('missing-names', 'Say which variables to check: --required A,B and/or --optional C.', {
      exitCode: EXIT.usage,
      hint: 'For example: postmortem collect env ID --required DATABASE_URL,SECRET_KEY --from .env. Nothing was written.',
    });
  }
  requireIncident(ctx, globals, id);
  const { collectEnv } = await import('../collect/env/collectEnv.js');
  const from = !options.from || options.from === 'process' ? 'process' : path.resolve(ctx.cwd, options.from);
  const result = collectEnv({ required: options.required ?? [], optional: options.optional ?? [], from }, { env: ctx.env, cwd: ctx.cwd });
  save(ctx, globals, id, (incident) => applyEnv(incident, result.checks, result.warnings));
  const set = result.checks.filter((c) => c.set).length;
  finish(ctx, options, `${id}: ${set} of ${plural(result.checks.length, 'variable')} set (values are never stored)`, result.warnings, {}, result);
}

function mergeCounts(all: RedactionCounts[]): RedactionCounts {
  const total: RedactionCounts = {};
  for (const counts of all) for (const [kind, n] of Object.entries(counts)) total[kind] = (total[kind] ?? 0) + n;
  return total;
}
