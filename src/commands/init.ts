import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openDatabase } from '../db/open.js';
import { CONFIG_FILE, initWorkspace, resolveWorkspace } from '../workspace.js';

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
  lines.push(
    '',
    `Next: read ${path.relative(ctx.cwd, path.join(result.root, CONFIG_FILE)) || CONFIG_FILE} (every setting is explained there), then after an incident:`,
    '  postmortem capture "What happened" --logs deploy.log --since 2h',
  );
  ctx.stdout(`${lines.join('\n')}\n`);
}
