import fs from 'node:fs';
import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { readTemplateManifest } from '../render/manifest.js';
import { builtinNames, builtinTemplatesDir, TEMPLATE_FILE } from '../render/render.js';
import { resolveWorkspace } from '../workspace.js';

/**
 * `postmortem template list`: built-in templates and the workspace's own (which
 * win on a name clash), each with the one-line description of its template.yaml
 * (or its path when it has none).
 */
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
  ].map((template) => {
    const manifest = readTemplateManifest(template.file);
    return { ...template, description: manifest.description, required_sections: manifest.requiredSections };
  });
  if (options.json) {
    ctx.stdout(`${JSON.stringify(templates, null, 2)}\n`);
    return;
  }
  const width = Math.max(...templates.map((t) => t.name.length)) + 2;
  ctx.stdout(`${templates.map((t) => `${t.name.padEnd(width)}${t.source.padEnd(10)} ${t.description ?? path.relative(ctx.cwd, t.file)}`).join('\n')}\n`);
}
