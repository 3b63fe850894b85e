import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { captureConfigSchema } from './capture/captureConfig.js';
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
    /** `postmortem lint` settings; `required_sections` overrides the template's list. */
    lint: z.strictObject({ required_sections: z.array(z.string().trim().min(1)).optional() }).optional(),
    /** `postmortem capture` defaults (src/capture/captureConfig.ts); absent means none. */
    capture: captureConfigSchema.optional(),
    /** `postmortem action check` limits (flags override them). */
    actions: z.strictObject({ max_overdue: z.number().int().nonnegative().default(0), require_owner: z.boolean().default(true) }).optional(),
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

export const CONFIG_TEMPLATE = `# postmortem workspace settings. Commit this file beside incidents/.
# Every setting is optional: the values written out below are the defaults,
# and the commented blocks are examples to uncomment (delete the leading "# ")
# and adapt. A typo in a key is an error, never silently ignored.

# Where the shared incident records live: one YAML file per incident
# (incidents/<id>.yaml). Review them in pull requests; \`postmortem import
# incidents\` loads them into the database, \`postmortem export\` writes them.
incidents_dir: incidents

# The local SQLite database. It lives in .postmortem/, which is git-ignored:
# each person has their own, rebuilt from incidents/ by \`postmortem import\`.
# --db PATH and the POSTMORTEM_DB variable take precedence.
database: ${DEFAULT_DB}

# Zone for times written without an offset ("2026-01-05 17:00"): an IANA name
# such as Europe/Berlin or America/New_York. Times with an offset keep it.
timezone: UTC

# Template for \`postmortem render\` and capture's drafts: a built-in name
# (\`postmortem template list\`), a folder in templates/, or a .hbs file.
template: default

# What \`postmortem capture "title"\` collects when the command line does not
# say; an option on the command line (--logs, --repo, ...) replaces its setting.
# Paths are relative to this folder.
# capture:
#   # Log files, or commands whose output is the log; \`source\` names the log
#   # in the postmortem (default: the file name, or the command's first word).
#   logs:
#     - file: logs/deploy.log
#       source: railway
#     - command: kubectl logs deploy/api --timestamps --since=3h
#       source: api
#   # Git repositories: their commits in the window are the change and the fix
#   # (default: this folder, when it is a git checkout).
#   repos: [., ../infra]
#   # The incident window: a duration back from now (30m, 2h, 1d) or a time.
#   since: 2h
#   # until: "2026-01-05 18:00"
#   # Endpoint checks run after the fix: a checks file (docs: collect checks)
#   # and/or URLs expected to answer 2xx, each given timeout_ms to answer.
#   checks: checks.yaml
#   # base_url: https://api.example.com
#   # urls: [https://api.example.com/health]
#   # timeout_ms: 10000
#   # Variables that must (or may) be set: only whether they are set and
#   # their shape are recorded, never a value.
#   env:
#     required: [DATABASE_URL, SECRET_KEY]
#     optional: [SMTP_*]
#     from: process   # or a .env file, such as .env.production
#   # Where the draft is written; {id} is the incident id.
#   draft: postmortems/{id}/postmortem.md

# Sections \`postmortem lint\` and \`publish\` require, matched by meaning
# ("root causes" is met by "Contributing factors"); default: the template's list.
# lint:
#   required_sections: [summary, impact, root causes, timeline, action items]

# Limits for \`postmortem action check\` (its flags override them).
# actions:
#   max_overdue: 0
#   require_owner: true
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
