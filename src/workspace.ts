import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { EXIT, UserError } from './errors.js';
import { formatIssues } from './record/issues.js';

/**
 * A workspace is a folder (usually a git repository) holding
 * `postmortem.config.yaml`, the shared record files in `incidents/`, and a
 * git-ignored `.postmortem/` with the local database.
 */

export const CONFIG_FILE = 'postmortem.config.yaml';
export const DEFAULT_DB = path.join('.postmortem', 'postmortem.db');

const configSchema = z
  .strictObject({
    incidents_dir: z.string().default('incidents'),
    database: z.string().default(DEFAULT_DB),
    timezone: z.string().default('UTC'),
    template: z.string().default('default'),
  })
  .default({ incidents_dir: 'incidents', database: DEFAULT_DB, timezone: 'UTC', template: 'default' });

export type WorkspaceConfig = z.output<typeof configSchema>;

export interface Workspace {
  /** The folder holding the config, or the current folder when there is none. */
  root: string;
  /** True when a config file was found. */
  initialised: boolean;
  config: WorkspaceConfig;
  incidentsDir: string;
  databasePath: string;
}

/** Finds the workspace at or above `cwd`, and where its database is (`--db`, then `POSTMORTEM_DB`, then the config). */
export function resolveWorkspace(ctx: { cwd: string; env: NodeJS.ProcessEnv; dbOption?: string | undefined }): Workspace {
  const root = findRoot(ctx.cwd);
  const config = root ? readConfig(path.join(root, CONFIG_FILE)) : configSchema.parse(undefined);
  const base = root ?? ctx.cwd;
  const explicit = ctx.dbOption ?? (ctx.env.POSTMORTEM_DB || undefined);
  return {
    root: base,
    initialised: root !== null,
    config,
    incidentsDir: path.resolve(base, config.incidents_dir),
    databasePath: explicit ? path.resolve(ctx.cwd, explicit) : path.resolve(base, config.database),
  };
}

function findRoot(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readConfig(file: string): WorkspaceConfig {
  let raw: unknown;
  try {
    raw = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA }) ?? {};
  } catch (error) {
    throw new UserError('invalid-config', `${file} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`, {
      exitCode: EXIT.invalidInput,
      hint: 'Fix the config file, or delete it and run `postmortem init` again.',
    });
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new UserError('invalid-config', `${file} has invalid settings:`, {
      exitCode: EXIT.invalidInput,
      details: formatIssues(result.error.issues),
      hint: 'Fix the settings listed above; `postmortem init --help` describes each one.',
    });
  }
  return result.data;
}

export const CONFIG_TEMPLATE = `# postmortem workspace settings. Commit this file; the database is local.
# Every setting is optional: the values below are the defaults.

# Where the shared incident record files live (one YAML file per incident).
# Review them in pull requests; \`postmortem import incidents\` loads them.
incidents_dir: incidents

# The local SQLite database. --db and POSTMORTEM_DB take precedence.
# It lives in .postmortem/, which is git-ignored.
database: ${DEFAULT_DB}

# Zone for times written without an offset (an IANA name such as Europe/Berlin).
timezone: UTC

# Template used by \`postmortem render\` when --template is not given.
template: default
`;

export interface InitResult {
  root: string;
  created: string[];
  existing: string[];
}

/** Creates the workspace files that are missing; never overwrites one. */
export function initWorkspace(dir: string): InitResult {
  const root = path.resolve(dir);
  const created: string[] = [];
  const existing: string[] = [];
  const ensureFile = (relative: string, content: string) => {
    const file = path.join(root, relative);
    if (fs.existsSync(file)) return existing.push(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    created.push(relative);
  };
  const ensureDir = (relative: string) => {
    const target = path.join(root, relative);
    if (fs.existsSync(target)) return existing.push(`${relative}/`);
    fs.mkdirSync(target, { recursive: true });
    created.push(`${relative}/`);
  };
  ensureFile(CONFIG_FILE, CONFIG_TEMPLATE);
  ensureDir('incidents');
  ensureFile(path.join('.postmortem', '.gitignore'), '# The local database and caches: never committed.\n*\n');
  return { root, created, existing };
}
