import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../../cli/context.js';
import { EXIT, UserError } from '../../errors.js';
import type { EnvCheck } from '../../record/schema.js';
import { describeEnv } from './describeEnv.js';
import { parseDotenv } from './parseDotenv.js';

export interface CollectEnvOptions {
  required: string[];
  optional: string[];
  /** `process` for the environment in `ctx.env`, or the path of a `.env` file (relative to `ctx.cwd`). */
  from: 'process' | string;
}

export interface CollectEnvResult {
  checks: EnvCheck[];
  /** A required variable not set or empty, a line of the file that was skipped. */
  warnings: string[];
}

/** A variable name, or a pattern of one with `*`. */
const NAME = /^[A-Za-z_*][A-Za-z0-9_.*-]*$/;

/**
 * Records which variables are set and their shape, from this environment or a `.env` file.
 * Values are read only to be described: none is returned, not even in a warning or an error.
 * A file that cannot be read is an error (nothing was written); a required variable that is
 * missing or empty is a warning.
 */
export function collectEnv(options: CollectEnvOptions, ctx: Pick<Context, 'env' | 'cwd'>): CollectEnvResult {
  for (const name of [...options.required, ...options.optional]) checkName(name);
  const warnings: string[] = [];
  let vars: Record<string, string | undefined> = ctx.env;
  if (options.from !== 'process') {
    const file = path.resolve(ctx.cwd, options.from);
    const label = displayPath(file, ctx.cwd);
    vars = parseDotenv(readEnvFile(file, label), { onInvalidLine: (line) => warnings.push(`line ${line} of ${label} is not KEY=value; skipped`) });
    if (Object.keys(vars).length === 0) warnings.push(`${label} sets no variables`);
  }
  const checks = describeEnv(vars, { required: options.required, optional: options.optional });
  for (const check of checks.filter((c) => c.required)) {
    if (!check.set) warnings.push(`required variable ${check.name} is not set`);
    else if (check.shape === 'empty') warnings.push(`required variable ${check.name} is set but empty`);
  }
  return { checks, warnings };
}

/** Refuses a name that is not one, above all `NAME=value` pasted by mistake: the value would be stored. */
function checkName(name: string): void {
  if (NAME.test(name)) return;
  const shown = name.includes('=') ? `${name.slice(0, name.indexOf('='))}=…` : JSON.stringify(name);
  throw new UserError('invalid-name', `${shown} is not a variable name.`, {
    exitCode: EXIT.invalidInput,
    hint: 'Give names only, like --required DATABASE_URL,JWT_SECRET or SMTP_* (never values). Nothing was written.',
  });
}

function readEnvFile(file: string, label: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `${label} does not exist.`
        : code === 'EISDIR'
          ? `${label} is a folder, not a .env file.`
          : code === 'EACCES' || code === 'EPERM'
            ? `${label} cannot be read: permission denied.`
            : `${label} cannot be read: ${(error as Error).message}.`;
    throw new UserError('env-file-unreadable', reason, {
      exitCode: EXIT.notFound,
      hint: 'Check the path given to --from, or use --from process to check this environment. Nothing was written.',
      cause: error,
    });
  }
}

/** The path as the user thinks of it: relative to the working folder when inside it. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
