import { spawn } from 'node:child_process';
import path from 'node:path';
import { applyChecks, applyCommits, applyEnv, applyLogs } from '../collect/applyEvidence.js';
import type { CheckSpec } from '../collect/checks/checkSpec.js';
import { UserError } from '../errors.js';
import type { Incident } from '../record/schema.js';
import type { CapturePlan, LogPlan } from './plan.js';

/**
 * Runs every collector of a capture plan with the same library functions
 * `postmortem collect` uses (same parsing, same redaction), outside any
 * transaction. A source that cannot be read (a missing log file, a folder that
 * is not a repository, an endpoint that never answers) becomes a warning; a
 * source that is malformed (a checks file with a bad field, a variable name
 * with a value pasted in) throws before anything is written.
 */

export interface CaptureWarning {
  /** `logs:railway`, `commits:api`, `checks:after`, `env`. */
  source: string;
  text: string;
}

/** One collector's outcome: a line for the user and the change to the record. */
export interface CollectedPart {
  kind: 'logs' | 'commits' | 'checks' | 'env';
  summary: string;
  apply: (incident: Incident) => Incident;
  warnings: CaptureWarning[];
  /** Facts worth a line of their own, such as a check that answered but failed. */
  notes?: string[];
}

export interface CollectContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  stdin: NodeJS.ReadableStream;
}

const plural = (n: number, noun: string, many = `${noun}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Records a warning under a source without other evidence (the source could not be read at all). */
function warnOnly(kind: CollectedPart['kind'], source: string, text: string): CollectedPart {
  return {
    kind,
    summary: `${source}: not collected`,
    warnings: [{ source, text }],
    apply: (incident) => ({
      ...incident,
      evidence: {
        ...incident.evidence,
        warnings: [...incident.evidence.warnings.filter((w) => w.source !== source), { text, source }],
      },
    }),
  };
}

/** Runs the collectors in the order `npm run demo` does: logs, commits, checks, environment. */
export async function collectAll(plan: CapturePlan, ctx: CollectContext, checkSpecs: CheckSpec[]): Promise<CollectedPart[]> {
  const parts: CollectedPart[] = [];
  for (const log of plan.logs) parts.push(await collectLog(log, plan, ctx));
  for (const repo of plan.repos) parts.push(await collectRepo(repo, plan, ctx));
  if (checkSpecs.length > 0) parts.push(await collectChecks(checkSpecs, ctx));
  if (plan.env) parts.push(await collectEnvironment(plan.env, ctx));
  return parts;
}

async function collectLog(log: LogPlan, plan: CapturePlan, ctx: CollectContext): Promise<CollectedPart> {
  const { collectLogs } = await import('../collect/logs/collectLogs.js');
  const label = `logs:${log.source}`;
  const options = { format: log.format, source: log.source, tz: plan.zone, since: plan.since, until: plan.until ?? undefined };
  const where = log.kind === 'file' ? log.shown : log.kind === 'stdin' ? 'stdin' : `\`${log.command}\``;
  let commandWarning: string | null = null;
  try {
    let collection: Awaited<ReturnType<typeof collectLogs>>;
    if (log.kind === 'command') {
      const run = runCommand(log.command, ctx);
      collection = await collectLogs('-', options, { stdin: run.stdout, cwd: ctx.cwd, now: ctx.now });
      commandWarning = await run.failure;
    } else {
      collection = await collectLogs(log.kind === 'file' ? log.file : '-', options, { stdin: ctx.stdin, cwd: ctx.cwd, now: ctx.now });
    }
    const warnings = commandWarning ? [...collection.warnings, commandWarning] : collection.warnings;
    const groups = collection.events.filter((e) => !e.marker).length;
    const markers = collection.events.length - groups;
    return {
      kind: 'logs',
      summary: `logs ${log.source}: ${plural(collection.source.lines, 'line')} from ${where} (${collection.source.format}), ${plural(groups, 'error/warning group')}, ${plural(markers, 'lifecycle marker')}`,
      warnings: warnings.map((text) => ({ source: label, text })),
      apply: (incident) => applyLogs(incident, { ...collection, warnings }),
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return warnOnly('logs', label, `could not read the log ${where}: ${message(error)}`);
  }
}

/** Runs a configured log command through the shell (the config is the workspace's own); its stdout is the log. */
function runCommand(command: string, ctx: CollectContext): { stdout: NodeJS.ReadableStream; failure: Promise<string | null> } {
  const child = spawn(command, { shell: true, cwd: ctx.cwd, env: ctx.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 4096) stderr += chunk;
  });
  const failure = new Promise<string | null>((resolve) => {
    child.on('error', (error) => resolve(`the command \`${command}\` could not start: ${error.message}`));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(null);
      const last = stderr.trim().split('\n').pop()?.trim();
      resolve(`the command \`${command}\` ${signal ? `was stopped by ${signal}` : `exited with ${code}`}${last ? `: ${last}` : ''}`);
    });
  });
  return { stdout: child.stdout, failure };
}

async function collectRepo(repo: { dir: string; shown: string }, plan: CapturePlan, ctx: CollectContext): Promise<CollectedPart> {
  const { collectCommits } = await import('../collect/git/collectCommits.js');
  const { createRedactor } = await import('../redact/redact.js');
  const redactor = createRedactor();
  const fallbackName = path.basename(repo.dir);
  try {
    const result = await collectCommits({ repo: repo.dir, since: plan.since, until: plan.until ?? undefined }, { cwd: ctx.cwd, redactor });
    const name = result.commits[0]?.repo ?? fallbackName;
    const fix = result.commits.find((c) => c.fix);
    return {
      kind: 'commits',
      summary: `commits ${name}: ${plural(result.commits.length, 'commit')}${fix ? `, fix ${fix.hash.slice(0, 7)} ${fix.subject}` : ''}`,
      warnings: result.warnings.map((text) => ({ source: `commits:${name}`, text })),
      apply: (incident) => applyCommits(incident, name, result.commits, result.warnings, redactor.counts()),
    };
  } catch (error) {
    if (!(error instanceof UserError) || error.code === 'invalid-window') throw error;
    return warnOnly('commits', `commits:${fallbackName}`, `could not read commits from ${repo.shown}: ${message(error)}`);
  }
}

async function collectChecks(specs: CheckSpec[], ctx: CollectContext): Promise<CollectedPart> {
  const { runChecks } = await import('../collect/checks/runChecks.js');
  const { createRedactor } = await import('../redact/redact.js');
  const redactor = createRedactor();
  const result = await runChecks(specs, { phase: 'after' }, { now: ctx.now, redactor });
  const passed = result.checks.filter((c) => c.passed).length;
  const failed = result.checks.filter((c) => !c.passed);
  return {
    kind: 'checks',
    summary: `checks: ${passed} of ${plural(result.checks.length, 'check')} passed`,
    // A check that answered but not as expected is evidence (a failed check), not a warning.
    notes: failed.map((c) => `failed: ${c.method} ${c.url}: ${c.error ?? c.result ?? 'unexpected response'}`),
    warnings: result.warnings.map((text) => ({ source: 'checks:after', text })),
    apply: (incident) => applyChecks(incident, result.checks, result.warnings, redactor.counts()),
  };
}

async function collectEnvironment(env: NonNullable<CapturePlan['env']>, ctx: CollectContext): Promise<CollectedPart> {
  const { collectEnv } = await import('../collect/env/collectEnv.js');
  try {
    const result = collectEnv(env, { env: ctx.env, cwd: ctx.cwd });
    const set = result.checks.filter((c) => c.set).length;
    return {
      kind: 'env',
      summary: `env: ${set} of ${plural(result.checks.length, 'variable')} set (values are never stored)`,
      warnings: result.warnings.map((text) => ({ source: 'env', text })),
      apply: (incident) => applyEnv(incident, result.checks, result.warnings),
    };
  } catch (error) {
    if (!(error instanceof UserError) || error.code === 'invalid-name') throw error;
    return warnOnly('env', 'env', `could not read the environment: ${message(error)}`);
  }
}
