import type { Db } from '../db/open.js';
import { openDatabase } from '../db/open.js';
import { EXIT, UserError } from '../errors.js';
import { resolveWorkspace, type Workspace } from '../workspace.js';
import type { Context, GlobalOptions } from './context.js';

export interface Session {
  workspace: Workspace;
  db: Db;
}

/** Resolves the workspace and opens its database; commands call this first. */
export function openSession(ctx: Pick<Context, 'cwd' | 'env'>, globals: GlobalOptions, options: { create?: boolean } = {}): Session {
  const workspace = resolveWorkspace({ cwd: ctx.cwd, env: ctx.env, dbOption: globals.db });
  const explicit = Boolean(globals.db ?? ctx.env.POSTMORTEM_DB);
  if (!workspace.initialised && !explicit && !options.create) {
    throw new UserError('no-workspace', `No postmortem workspace in ${ctx.cwd} or any folder above it.`, {
      exitCode: EXIT.database,
      hint: 'Run `postmortem init` here to create one, or pass --db PATH (or set POSTMORTEM_DB) to use a database elsewhere.',
    });
  }
  // A workspace's own database is created on first use (a fresh clone of a team's
  // repository has none yet); an explicit path is only created by commands that write.
  const db = openDatabase(workspace.databasePath, { create: options.create || (!explicit && workspace.initialised) });
  return { workspace, db };
}
