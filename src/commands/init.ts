import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openDatabase } from '../db/open.js';
import { initWorkspace, resolveWorkspace } from '../workspace.js';

/** `postmortem init [dir]` */
export function runInit(ctx: Context, globals: GlobalOptions, dir: string): void {
  const root = path.resolve(ctx.cwd, dir);
  const result = initWorkspace(root);
  const workspace = resolveWorkspace({ cwd: root, env: ctx.env, dbOption: globals.db });
  openDatabase(workspace.databasePath, { create: true }).close();
  const lines = [`Workspace ready in ${result.root}`];
  for (const file of result.created) lines.push(`  created ${file}`);
  for (const file of result.existing) lines.push(`  kept    ${file} (already there)`);
  lines.push(`  database ${path.relative(ctx.cwd, workspace.databasePath) || workspace.databasePath}`);
  lines.push('', 'Next: postmortem new "What happened" --severity SEV2 --service api --started now');
  ctx.stdout(`${lines.join('\n')}\n`);
}
