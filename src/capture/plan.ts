import fs from 'node:fs';
import path from 'node:path';
import { parseTimeOption } from '../cli/parseTime.js';
import { EXIT, UserError } from '../errors.js';
import { formatTimestamp } from '../record/time.js';
import type { Workspace } from '../workspace.js';
import { type CaptureConfig, defaultCaptureConfig } from './captureConfig.js';

/**
 * What one `postmortem capture` will collect: the command line's options over
 * the workspace config's `capture:` defaults, resolved to absolute paths and
 * exact times. Pure apart from `fs.existsSync` (is the workspace a git
 * checkout?); invalid options throw a UserError before anything is collected.
 */

/** The capture options as the command line gives them. */
export interface CaptureOptions {
  id?: string;
  logs?: string[];
  repo?: string[];
  since?: string;
  until?: string;
  checks?: string;
  baseUrl?: string;
  url?: string[];
  timeout?: string;
  envRequired?: string[];
  envOptional?: string[];
  envFrom?: string;
  template?: string;
  answers?: string;
  out?: string;
}

export type LogPlan =
  | { kind: 'file'; file: string; shown: string; source: string; format?: string }
  | { kind: 'stdin'; source: string; format?: string }
  | { kind: 'command'; command: string; source: string; format?: string };

export interface CapturePlan {
  logs: LogPlan[];
  /** Absolute repository folders, with how to show each. */
  repos: { dir: string; shown: string }[];
  since: string;
  until: string | null;
  /** A checks file (absolute) and the base URL for its paths. */
  checksFile: { file: string; shown: string; baseUrl?: string } | null;
  urls: string[];
  timeoutMs?: number;
  env: { required: string[]; optional: string[]; from: string } | null;
  template: string;
  /** `postmortems/{id}/postmortem.md`, absolute, with `{id}` still in it; an --out path has none. */
  draft: string;
  /** The answers file, absolute. */
  answers: { file: string; shown: string } | null;
  zone: string;
}

const NAMED = /^([A-Za-z0-9_-]+)=(.+)$/;
const DURATION = /^(\d+(?:\.\d+)?)(m|h|d)$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `2h` → now − 2 h; otherwise a time (zone-less in the config zone). */
export function parseSince(value: string, label: string, zone: string, now: Date): string {
  const match = DURATION.exec(value.trim());
  if (match) return formatTimestamp(now.getTime() - Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0));
  return parseTimeOption(value, label, zone, now);
}

/** Combines options and config into a plan; relative paths on the command line are from `cwd`, in the config from the workspace. */
export function planCapture(options: CaptureOptions, workspace: Workspace, ctx: { cwd: string; now: Date }): CapturePlan {
  const config: CaptureConfig = workspace.config.capture ?? defaultCaptureConfig();
  const root = workspace.root;
  const zone = workspace.config.timezone;
  const fromCli = (p: string) => ({ abs: path.resolve(ctx.cwd, p), shown: p });
  const fromConfig = (p: string) => ({ abs: path.resolve(root, p), shown: path.relative(ctx.cwd, path.resolve(root, p)) || '.' });

  const logs: LogPlan[] = options.logs?.length
    ? options.logs.map((value) => cliLog(value, fromCli))
    : config.logs.map((entry): LogPlan => {
        if ('command' in entry) return { kind: 'command', command: entry.command, source: entry.source ?? commandName(entry.command), format: entry.format };
        const { abs, shown } = fromConfig(entry.file);
        return { kind: 'file', file: abs, shown, source: entry.source ?? path.basename(entry.file), format: entry.format };
      });
  const seen = new Map<string, number>();
  for (const log of logs) seen.set(log.source, (seen.get(log.source) ?? 0) + 1);
  const twice = [...seen].filter(([, n]) => n > 1).map(([source]) => source);
  if (twice.length > 0) {
    throw new UserError('duplicate-log-source', `Two log sources are both named ${twice.join(', ')}: the second would replace the first.`, {
      exitCode: EXIT.usage,
      hint: 'Name each one: --logs api=api.log --logs worker=worker.log (or `source:` in the config). Nothing was collected or written.',
    });
  }

  const repoPaths = options.repo?.length
    ? options.repo.map(fromCli)
    : config.repos.length > 0
      ? config.repos.map(fromConfig)
      : insideGit(root)
        ? [fromConfig('.')]
        : [];

  const since = parseSince(options.since ?? config.since, '--since', zone, ctx.now);
  const untilText = options.until ?? config.until;
  const until = untilText === undefined ? null : parseTimeOption(untilText, '--until', zone, ctx.now);
  if (until !== null && Date.parse(until) < Date.parse(since)) {
    throw new UserError('bad-window', `--until (${until}) is before --since (${since}).`, {
      exitCode: EXIT.invalidInput,
      hint: 'Give a window that starts before it ends, such as --since "2026-01-05 16:00" --until "2026-01-05 18:00". Nothing was written.',
    });
  }

  const checksGiven = options.checks !== undefined || (options.url?.length ?? 0) > 0;
  const checksPath = checksGiven ? (options.checks === undefined ? null : fromCli(options.checks)) : config.checks ? fromConfig(config.checks) : null;
  const baseUrl = options.baseUrl ?? config.base_url;
  const urls = checksGiven ? (options.url ?? []) : config.urls;
  let timeoutMs = config.timeout_ms;
  if (options.timeout !== undefined) {
    timeoutMs = Number(options.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new UserError('bad-timeout', `--timeout: "${options.timeout}" is not a number of milliseconds.`, {
        exitCode: EXIT.invalidInput,
        hint: 'For example --timeout 2000. Nothing was written.',
      });
    }
  }

  const required = options.envRequired ?? config.env?.required ?? [];
  const optional = options.envOptional ?? config.env?.optional ?? [];
  const envFromCli = options.envFrom;
  const envFrom =
    envFromCli !== undefined
      ? envFromCli === 'process'
        ? 'process'
        : fromCli(envFromCli).abs
      : config.env?.from && config.env.from !== 'process'
        ? fromConfig(config.env.from).abs
        : 'process';

  const draft = options.out ? path.resolve(ctx.cwd, options.out) : path.resolve(root, config.draft);
  return {
    logs,
    repos: repoPaths.map(({ abs, shown }) => ({ dir: abs, shown })),
    since,
    until,
    checksFile: checksPath ? { file: checksPath.abs, shown: checksPath.shown, ...(baseUrl ? { baseUrl } : {}) } : null,
    urls,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    env: required.length + optional.length > 0 ? { required, optional, from: envFrom } : null,
    template: options.template ?? workspace.config.template,
    draft,
    answers: options.answers ? { file: path.resolve(ctx.cwd, options.answers), shown: options.answers } : null,
    zone,
  };
}

/** `--logs FILE`, `--logs -` (stdin) or `--logs NAME=FILE` (NAME: letters, digits, `_`, `-`). */
function cliLog(value: string, resolve: (p: string) => { abs: string; shown: string }): LogPlan {
  if (value === '-') return { kind: 'stdin', source: 'stdin' };
  const named = NAMED.exec(value);
  if (named) {
    const [, source, file] = named as unknown as [string, string, string];
    if (file === '-') return { kind: 'stdin', source };
    const { abs, shown } = resolve(file);
    return { kind: 'file', file: abs, shown, source };
  }
  const { abs, shown } = resolve(value);
  return { kind: 'file', file: abs, shown, source: path.basename(value) };
}

function commandName(command: string): string {
  return path.basename(command.trim().split(/\s+/)[0] ?? 'command');
}

/** Whether a folder is inside a git checkout (a `.git` at or above it). */
function insideGit(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) return true;
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}
