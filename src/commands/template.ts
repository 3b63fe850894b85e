import fs from 'node:fs';
import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { builtinNames, builtinTemplatesDir, TEMPLATE_FILE } from '../render/render.js';
import { resolveWorkspace } from '../workspace.js';

/** `postmortem template list`: built-in templates and the workspace's own (which win on a name clash). */
export function runTemplateList(ctx: Context, globals: GlobalOptions, options: { json?: boolean }): void {
  const workspace = resolveWorkspace({ cwd: ctx.cwd, env: ctx.env, dbOption: globals.db });
  const own = path.join(workspace.root, 'templates');
  const workspaceNames = fs.existsSync(own)
    ? fs
        .readdirSync(own)
        .filter((name) => fs.existsSync(path.join(own, name, TEMPLATE_FILE)))
        .sort()
    : [];
  const templates = [
    ...workspaceNames.map((name) => ({ name, source: 'workspace', file: path.join(own, name, TEMPLATE_FILE) })),
    ...builtinNames()
      .filter((name) => !workspaceNames.includes(name))
      .map((name) => ({ name, source: 'built-in', file: path.join(builtinTemplatesDir(), name, TEMPLATE_FILE) })),
  ];
  if (options.json) {
    ctx.stdout(`${JSON.stringify(templates, null, 2)}\n`);
    return;
  }
  ctx.stdout(`${templates.map((t) => `${t.name.padEnd(16)} ${t.source.padEnd(10)} ${path.relative(ctx.cwd, t.file)}`).join('\n')}\n`);
}
